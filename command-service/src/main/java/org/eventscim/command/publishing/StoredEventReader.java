package org.eventscim.command.publishing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.EventTypes;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Reads stored events in publication order. Only events of transactions older than the oldest one
 * still running are read: those are final, so no event that commits later can land behind the
 * position already passed (Axon's gap-aware tracking cannot promise that). A batch also says whether
 * committed events are held back behind such a running transaction, so the publisher looks again
 * soon instead of waiting for another commit to wake it.
 */
@Component
class StoredEventReader {

    /**
     * Committed events after the position, final ones first (ordered by transaction, so every final one comes
     * before the first that is not). Only the final ones are published; the first other one says some are
     * held back.
     */
    private static final String NEXT_BATCH = """
            SELECT tx_id::text::bigint AS tx, global_index, event_identifier, aggregate_identifier,
                   sequence_number, type, time_stamp, payload_type, payload, meta_data,
                   tx_id < pg_snapshot_xmin(pg_current_snapshot()) AS final
            FROM domain_event_entry
            WHERE (tx_id, global_index) > (?::text::xid8, ?)
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

    StoredBatch after(StreamPosition position, int limit) {
        return jdbc.query(NEXT_BATCH, (ResultSetExtractor<StoredBatch>) rows -> {
            List<EventEnvelope> events = new ArrayList<>();
            while (rows.next()) {
                if (!rows.getBoolean("final")) {
                    return new StoredBatch(events, true);
                }
                events.add(envelope(rows));
            }
            return new StoredBatch(events, false);
        }, Long.toString(position.transactionId()), position.globalIndex(), limit);
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
