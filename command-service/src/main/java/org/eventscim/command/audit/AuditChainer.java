package org.eventscim.command.audit;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eventscim.events.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Extends every tenant's hash chain over the stored events, in publication order, and signs a checkpoint of
 * each tenant that gained links at most every {@code scim.audit.checkpoint-interval}. Links and checkpoints
 * are stored in one transaction; after any failure the chainer reloads where it stood from the database and
 * goes on from there, so nothing is chained twice or skipped. Like the Kafka publisher, writes never wait for it.
 */
@Component
class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

    private final AuditedEventReader reader;
    private final ChainLinkStore links;
    private final CheckpointStore checkpoints;
    private final CheckpointPublisher publisher;
    private final SigningKey key;
    private final AuditProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private Thread worker;

    AuditChainer(AuditedEventReader reader, ChainLinkStore links, CheckpointStore checkpoints,
                 CheckpointPublisher publisher, SigningKey key, AuditProperties properties,
                 TransactionTemplate transactions) {
        this.reader = reader;
        this.links = links;
        this.checkpoints = checkpoints;
        this.publisher = publisher;
        this.key = key;
        this.properties = properties;
        this.transactions = transactions;
    }

    @Override
    public void start() {
        checkpoints.register(key);
        log.info("Audit checkpoints are signed with Ed25519 key {}", key.id());
        running = true;
        worker = Thread.ofPlatform().name("audit-chainer").start(this::chainUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void chainUntilStopped() {
        TenantChains chains = null;
        StreamPosition position = null;
        boolean unpublished = true;
        while (running) {
            try {
                if (chains == null) {
                    position = links.lastChained();
                    chains = new TenantChains(links.heads());
                }
                List<StoredEvent> batch = reader.after(position, properties.batchSize());
                List<ChainLink> newLinks = chains.append(batch);
                List<Checkpoint> due = chains.checkpointsDue(clock.instant(), properties.checkpointInterval(), key);
                if (!newLinks.isEmpty() || !due.isEmpty()) {
                    transactions.executeWithoutResult(status -> {
                        links.append(newLinks);
                        checkpoints.save(due);
                    });
                }
                if (!batch.isEmpty()) {
                    position = batch.getLast().position();
                }
                unpublished |= !due.isEmpty();
                boolean caughtUp = batch.size() < properties.batchSize();
                // Only once caught up: with Kafka down, each attempt blocks for seconds, and chaining must not wait.
                if (caughtUp && unpublished) {
                    unpublished = !publisher.publishPending();
                }
                if (caughtUp) {
                    pause(properties.idlePoll().toMillis());
                }
            } catch (RuntimeException failure) {
                log.warn("Extending the audit chain failed; resuming from the stored chain: {}", failure.toString());
                chains = null;
                pause(properties.retryBackoff().toMillis());
            }
        }
    }

    private void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
