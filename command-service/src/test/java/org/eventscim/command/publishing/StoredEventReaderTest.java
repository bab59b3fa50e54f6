package org.eventscim.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eventscim.command.eventstore.MigratedPostgres;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The publisher's read of the event store, on a real PostgreSQL with the service's migrations. */
class StoredEventReaderTest {

    private static MigratedPostgres postgres;
    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static StoredEventReader reader;

    @BeforeAll
    static void start() throws Exception {
        postgres = MigratedPostgres.start();
        dataSource = postgres.eventStoreDataSource();
        jdbc = new JdbcTemplate(dataSource);
        reader = new StoredEventReader(jdbc, new ObjectMapper());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void clear() {
        jdbc.execute("TRUNCATE domain_event_entry RESTART IDENTITY");
    }

    @Test
    void committedEventsAreReadInOrderWithNothingHeldBack() {
        String first = append(jdbc);
        String second = append(jdbc);

        StoredBatch batch = reader.after(StreamPosition.START, 10);

        assertThat(batch.events()).extracting(EventEnvelope::resourceId).containsExactly(first, second);
        assertThat(batch.heldBack()).isFalse();
        assertThat(reader.after(batch.events().getLast().position(), 10)).isEqualTo(new StoredBatch(List.of(), false));
    }

    @Test
    void eventsCommittedBehindAnOlderRunningTransactionAreHeldBackAndSaidToBe() throws Exception {
        String before = append(jdbc);
        String committed;
        try (Connection older = dataSource.getConnection()) {
            older.setAutoCommit(false);
            // An id is all the transaction needs to hold later commits back; it writes nothing.
            new JdbcTemplate(new SingleConnectionDataSource(older, true)).queryForObject("SELECT pg_current_xact_id()", String.class);
            committed = append(jdbc);

            StoredBatch whileRunning = reader.after(StreamPosition.START, 10);
            assertThat(whileRunning.events()).extracting(EventEnvelope::resourceId).containsExactly(before);
            assertThat(whileRunning.heldBack()).isTrue();
            StoredBatch fromThere = reader.after(whileRunning.events().getLast().position(), 10);
            assertThat(fromThere.events()).isEmpty();
            assertThat(fromThere.heldBack()).isTrue();

            older.commit();
        }

        StoredBatch afterwards = reader.after(StreamPosition.START, 10);
        assertThat(afterwards.events()).extracting(EventEnvelope::resourceId).containsExactly(before, committed);
        assertThat(afterwards.heldBack()).isFalse();
    }

    @Test
    void theLimitCountsOnlyEventsThatCanBePublishedFirst() {
        String first = append(jdbc);
        append(jdbc);
        append(jdbc);

        StoredBatch batch = reader.after(StreamPosition.START, 1);

        assertThat(batch.events()).extracting(EventEnvelope::resourceId).containsExactly(first);
        assertThat(batch.heldBack()).isFalse();
    }

    /** A user's creation, as the JDBC engine stores it, in its own transaction; answers the user's id. */
    private static String append(JdbcTemplate target) {
        String userId = UUID.randomUUID().toString();
        target.update("""
                INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,
                    aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, 'org.eventscim.events.user.UserCreated', '2026-11-29T06:00:00Z', ?, 0, 'User')""",
                UUID.randomUUID().toString(),
                "{\"tenant\":\"acme\",\"actorId\":\"token-1\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"userId\":\"" + userId + "\",\"tenantId\":\"acme\"}").getBytes(StandardCharsets.UTF_8),
                userId);
        return userId;
    }
}
