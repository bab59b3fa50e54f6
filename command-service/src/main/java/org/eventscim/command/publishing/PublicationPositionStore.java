package org.eventscim.command.publishing;

import java.util.List;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where the Kafka publisher stopped, kept in the event store's own database. */
@Component
class PublicationPositionStore {

    private static final String PUBLISHER = "kafka";

    private final JdbcTemplate jdbc;

    PublicationPositionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    StreamPosition load() {
        List<StreamPosition> stored = jdbc.query(
                "SELECT tx_id::text::bigint AS tx, global_index FROM publication_position WHERE publisher = ?",
                (row, index) -> new StreamPosition(row.getLong("tx"), row.getLong("global_index")), PUBLISHER);
        return stored.isEmpty() ? StreamPosition.START : stored.getFirst();
    }

    void save(StreamPosition position) {
        jdbc.update("""
                INSERT INTO publication_position (publisher, tx_id, global_index) VALUES (?, ?::text::xid8, ?)
                ON CONFLICT (publisher) DO UPDATE SET tx_id = EXCLUDED.tx_id, global_index = EXCLUDED.global_index""",
                PUBLISHER, Long.toString(position.transactionId()), position.globalIndex());
    }
}
