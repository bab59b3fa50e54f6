package org.eventscim.command.publishing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.EventTypes;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads stored events in publication order. Only events of transactions older than the oldest one
 * still running are read: those are final, so no event that commits later can land behind the
 * position already passed (Axon's gap-aware tracking cannot promise that).
 */
@Component
class StoredEventReader {

    private static final String NEXT_BATCH = """
            SELECT tx_id::text::bigint AS tx, global_index, event_identifier, aggregate_identifier,
                   sequence_number, type, time_stamp, payload_type, payload, meta_data
            FROM domain_event_entry
            WHERE (tx_id, global_index) > (?::text::xid8, ?)
              AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx_id, global_index
            LIMIT ?""";

    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    StoredEventReader(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<EventEnvelope> after(StreamPosition position, int limit) {
        return jdbc.query(NEXT_BATCH, (row, index) -> envelope(row),
                Long.toString(position.transactionId()), position.globalIndex(), limit);
    }

    private EventEnvelope envelope(ResultSet row) throws SQLException {
        try {
            return new EventEnvelope(
                    row.getString("event_identifier"),
                    EventTypes.nameOfStoredType(row.getString("payload_type")),
                    row.getString("type"),
                    row.getString("aggregate_identifier"),
                    row.getLong("sequence_number") + 1,
                    new StreamPosition(row.getLong("tx"), row.getLong("global_index")),
                    Instant.parse(row.getString("time_stamp")),
                    EventMetadata.fromMap(json.readValue(row.getBytes("meta_data"), METADATA)),
                    json.readTree(row.getBytes("payload")));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable stored event " + row.getString("event_identifier"), e);
        }
    }
}
