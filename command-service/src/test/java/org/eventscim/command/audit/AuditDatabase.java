package org.eventscim.command.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.eventscim.command.eventstore.MigratedPostgres;
import org.eventscim.events.StreamPosition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real PostgreSQL with the service's migrations, and the chainer's steps run by hand: append events as the
 * JDBC engine stores them, chain everything stored, sign checkpoints.
 */
final class AuditDatabase implements AutoCloseable {

    private final MigratedPostgres postgres;
    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final SigningKey key;
    private final TransactionTemplate transactions;

    AuditDatabase(Path keyDirectory) {
        postgres = MigratedPostgres.start();
        dataSource = postgres.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        key = SigningKey.loadOrCreate(keyDirectory.resolve("signing-key.pem"));
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    void clear() {
        jdbc.execute("TRUNCATE scim_events.domain_event_entry, scim_audit.chain_link, scim_audit.checkpoint RESTART IDENTITY");
    }

    /** One transaction per event, as the command side appends them. */
    void append(StoredEvent event) {
        append(jdbc, event);
    }

    /** Appends within whatever transaction {@code target}'s connection has open. */
    static void append(JdbcTemplate target, StoredEvent event) {
        target.update("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_revision,
                    payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", event.eventId(), event.metadata(), event.payload(),
                event.payloadRevision(), event.payloadType(), event.timestamp(), event.aggregateId(),
                event.sequenceNumber(), event.aggregateType());
    }

    /** What the chainer does, batch after batch, until it has caught up; then every tenant's head is signed. */
    long chainAll(int batchSize) {
        AuditedEventReader reader = new AuditedEventReader(jdbc);
        ChainLinkStore links = new ChainLinkStore(jdbc);
        CheckpointStore checkpoints = new CheckpointStore(jdbc);
        TenantChains chains = new TenantChains(links.heads());
        StreamPosition position = links.lastChained();
        long chained = 0;
        List<StoredEvent> batch;
        do {
            batch = reader.after(position, batchSize);
            List<ChainLink> newLinks = chains.append(batch);
            transactions.executeWithoutResult(status -> links.append(newLinks));
            chained += batch.size();
            if (!batch.isEmpty()) {
                position = batch.getLast().position();
            }
        } while (batch.size() == batchSize);
        List<Checkpoint> due = chains.checkpointsDue(Instant.now(), Duration.ZERO, key);
        checkpoints.save(due);
        return chained;
    }

    VerificationReport verify(String tenant, long from) {
        try {
            return new ChainVerifier(dataSource, key).verify(tenant, from);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
