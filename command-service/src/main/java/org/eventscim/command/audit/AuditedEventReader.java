package org.eventscim.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads stored events in the publication order, the order the chain fixes: (transaction id, global index),
 * only up to the oldest running transaction, so an event that commits late is never passed over.
 */
@Component
class AuditedEventReader {

    /** The columns {@link #event(ResultSet)} reads, for every query over domain_event_entry. */
    static final String COLUMNS = """
            tx_id::text::bigint AS tx, global_index, event_identifier, aggregate_identifier, sequence_number,
            type, payload_type, payload_revision, time_stamp, payload, meta_data""";

    private static final String NEXT_BATCH = "SELECT " + COLUMNS + """
             FROM scim_events.domain_event_entry
            WHERE (tx_id, global_index) > (?::text::xid8, ?)
              AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx_id, global_index
            LIMIT ?""";

    private final JdbcTemplate jdbc;

    AuditedEventReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredEvent> after(StreamPosition position, int limit) {
        return jdbc.query(NEXT_BATCH, (row, index) -> event(row),
                Long.toString(position.transactionId()), position.globalIndex(), limit);
    }

    static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(
                new StreamPosition(row.getLong("tx"), row.getLong("global_index")),
                row.getString("event_identifier"),
                row.getString("aggregate_identifier"),
                row.getLong("sequence_number"),
                row.getString("type"),
                row.getString("payload_type"),
                row.getString("payload_revision"),
                row.getString("time_stamp"),
                row.getBytes("payload"),
                row.getBytes("meta_data"));
    }
}
