package org.eventscim.command.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Recomputes tenants' chains from the event store, in publication order, and checks each link against the
 * stored links and the signed checkpoints. Everything is read in one read-only snapshot, in a single pass over
 * the store for all tenants at once, up to the last chained event (later events are not chained yet). Each
 * tenant's report names its first bad position: the chain says nothing trustworthy beyond it.
 */
@Component
class ChainVerifier {

    private final DataSource dataSource;
    private final SigningKey key;

    ChainVerifier(DataSource dataSource, SigningKey key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /**
     * @param tenant one tenant, or null for every tenant
     * @param from   the first position to verify (1 = the whole chain); later starts trust the stored link before it
     */
    VerificationReport verify(String tenant, long from) throws SQLException {
        long started = System.nanoTime();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            db.setReadOnly(true);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                ChainWalk walk = new ChainWalk(db, key, tenant, from);
                long verified = walk.run();
                List<TenantVerification> results = walk.results();
                return VerificationReport.of(key.id(), verified, System.nanoTime() - started, results);
            } finally {
                db.rollback();
            }
        }
    }
}
