package org.eventscim.command.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The chain's links in scim_audit.chain_link; the last one is where the chainer resumes. */
@Component
class ChainLinkStore {

    private static final String HEADS = """
            SELECT l.tenant_id, l.position, l.hash, c.position AS checkpointed, c.signed_at
            FROM (SELECT DISTINCT ON (tenant_id) tenant_id, position, hash
                  FROM scim_audit.chain_link ORDER BY tenant_id, position DESC) l
            LEFT JOIN (SELECT DISTINCT ON (tenant_id) tenant_id, position, signed_at
                       FROM scim_audit.checkpoint ORDER BY tenant_id, position DESC) c USING (tenant_id)""";

    private final JdbcTemplate jdbc;

    ChainLinkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The publication position of the last chained event. */
    StreamPosition lastChained() {
        List<StreamPosition> last = jdbc.query("""
                SELECT tx_id::text::bigint AS tx, global_index FROM scim_audit.chain_link
                ORDER BY tx_id DESC, global_index DESC LIMIT 1""",
                (row, index) -> new StreamPosition(row.getLong("tx"), row.getLong("global_index")));
        return last.isEmpty() ? StreamPosition.START : last.getFirst();
    }

    /** Every tenant's last link with its last checkpoint. */
    Map<String, ChainHead> heads() {
        Map<String, ChainHead> heads = new HashMap<>();
        jdbc.query(HEADS, row -> {
            heads.put(row.getString("tenant_id"), new ChainHead(row.getLong("position"), row.getBytes("hash"),
                    row.getLong("checkpointed"),
                    row.getTimestamp("signed_at") == null ? null : row.getTimestamp("signed_at").toInstant()));
        });
        return heads;
    }

    void append(List<ChainLink> links) {
        jdbc.batchUpdate("""
                INSERT INTO scim_audit.chain_link (tenant_id, position, tx_id, global_index, event_identifier, hash)
                VALUES (?, ?, ?::text::xid8, ?, ?, ?)""", links, 500, (statement, link) -> {
            statement.setString(1, link.tenant());
            statement.setLong(2, link.position());
            statement.setString(3, Long.toString(link.eventPosition().transactionId()));
            statement.setLong(4, link.eventPosition().globalIndex());
            statement.setString(5, link.eventId());
            statement.setBytes(6, link.hash());
        });
    }
}
