package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eventscim.events.Topics;
import org.eventscim.query.deadletter.DeadLetterBatch;
import org.eventscim.query.deadletter.DeadLetters;
import org.eventscim.query.deadletter.Replayed;
import org.eventscim.query.index.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@link Topics#EVENTS} on its own thread and hands each polled batch to the writer. Offsets are
 * committed only after the batch is applied, so a crash replays events rather than losing them; at most every
 * {@code commit-interval}, since a commit per batch would put a Kafka round trip between any two batches.
 * While Elasticsearch fails, the same batch is retried with a growing pause; the partitions are paused
 * meanwhile so the consumer keeps its group membership without fetching more.
 */
@Component
class ProjectionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);

    private final String bootstrap;
    private final ProjectionProperties properties;
    private final ReadModels readModels;
    private final ProjectionWriter writer;
    private final ProjectionHold hold;
    private final EventRecords records;
    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final Set<TopicPartition> revoked = new HashSet<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final Counter commits;
    private long committedAt = System.nanoTime();

    private volatile boolean running;
    private volatile ProjectionStatus status = new ProjectionStatus(false, null, null);
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private boolean retrying;

    ProjectionConsumer(@Value("${scim.kafka.bootstrap}") String bootstrap, ProjectionProperties properties,
                       ReadModels readModels, ProjectionWriter writer, ProjectionHold hold, DeadLetters deadLetters,
                       ObjectMapper json, MeterRegistry meters) {
        this.bootstrap = bootstrap;
        this.properties = properties;
        this.readModels = readModels;
        this.writer = writer;
        this.hold = hold;
        this.records = new EventRecords(json);
        this.deadLetters = deadLetters;
        this.replay = new DeadLetterReplay(deadLetters, writer, records, json);
        this.commits = Counter.builder("scim.projection.offset.commits")
                .description("Commits of the Kafka offsets the projection has applied")
                .register(meters);
    }

    ProjectionStatus status() {
        return status;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords()));
        if (properties.instanceId() != null && !properties.instanceId().isBlank()) {
            // Static membership: an instance restarted after a crash takes its partitions back at once,
            // instead of waiting until the broker expires its dead predecessor's session (45 s).
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.instanceId());
        }
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "projection-" + properties.groupId());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            prepareIndex();
            // A restart is how a fix is deployed: the letters it may apply now go before any new event.
            if (deadLetters.count() > 0) {
                replayDeadLetters();
            }
            consumer.subscribe(List.of(Topics.EVENTS), new RetryAwareRebalanceListener());
            status = new ProjectionStatus(true, null, null);
            while (running) {
                deadLetters.takeReplayRequest().ifPresent(request -> request.complete(replayDeadLetters()));
                pollOnce();
                if (System.nanoTime() - committedAt >= properties.commitInterval().toNanos()) {
                    commit(uncommitted.keySet());
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer up; nothing else raises it.
        } finally {
            commitOnStop();
            consumer.close(Duration.ofSeconds(5));
            status = new ProjectionStatus(false, null, null);
        }
    }

    private void prepareIndex() {
        Duration backoff = properties.retryBackoff();
        while (running) {
            try {
                readModels.ensureExist();
                deadLetters.reload();
                return;
            } catch (IOException | RuntimeException failure) {
                failed("preparing the indexes", failure, backoff);
                sleep(backoff);
                backoff = longer(backoff);
            }
        }
    }

    /** A replay that fails (Elasticsearch down) changes nothing; the letters wait for the next one. */
    private Replayed replayDeadLetters() {
        try {
            AtomicReference<Replayed> replayed = new AtomicReference<>();
            // Like a live batch: never while a rebuild holds the projection to move the aliases.
            hold.write(() -> replayed.set(replay.replay()));
            return replayed.get();
        } catch (IOException | RuntimeException failure) {
            log.warn("Replaying the dead letters failed; they stay: {}", failure.toString());
            return new Replayed(deadLetters.count(), 0, deadLetters.count());
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> batch;
        try {
            batch = consumer.poll(properties.pollTimeout());
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException failure) {
            failed("polling Kafka", failure, properties.retryBackoff());
            sleep(properties.retryBackoff());
            return;
        }
        if (!batch.isEmpty() && writeWithRetry(batch)) {
            for (TopicPartition partition : batch.partitions()) {
                uncommitted.put(partition, new OffsetAndMetadata(batch.records(partition).getLast().offset() + 1));
            }
        }
    }

    /** True once the batch is written; false if the consumer is stopping or lost some of its partitions. */
    private boolean writeWithRetry(ConsumerRecords<String, byte[]> batch) {
        EventRecords.Polled polled = records.read(batch);
        Duration backoff = properties.retryBackoff();
        revoked.clear();
        while (running) {
            try {
                DeadLetterBatch letters = deadLetters.batch();
                polled.unreadable().forEach(letters::unreadable);
                hold.write(() -> writer.write(polled.events(), letters));
                if (retrying) {
                    log.info("Elasticsearch writes succeed again; projection resumed");
                    retrying = false;
                    consumer.resume(consumer.paused());
                }
                status = new ProjectionStatus(true, null, null);
                return true;
            } catch (IOException | RuntimeException failure) {
                failed("writing " + polled.events().size() + " events to Elasticsearch", failure, backoff);
                retrying = true;
                consumer.pause(consumer.assignment());
                if (!waitKeepingMembership(backoff, batch)) {
                    return false;
                }
                backoff = longer(backoff);
                tryEnsureIndex();
            }
        }
        return false;
    }

    /**
     * Polls the paused consumer until {@code pause} has passed, so the group does not evict it. Anything
     * returned (from partitions assigned meanwhile) is rewound to be read again later. Returns false,
     * with the batch rewound, if a rebalance took partitions away: their new owner replays them.
     */
    private boolean waitKeepingMembership(Duration pause, ConsumerRecords<String, byte[]> batch) {
        Instant deadline = Instant.now().plus(pause);
        while (running && Instant.now().isBefore(deadline)) {
            ConsumerRecords<String, byte[]> unexpected = consumer.poll(Duration.between(Instant.now(), deadline));
            rewind(unexpected);
            consumer.pause(consumer.assignment());
            if (!revoked.isEmpty()) {
                rewind(batch);
                retrying = false;
                consumer.resume(consumer.paused());
                log.info("Partitions {} were reassigned during the retry; the batch will be read again", revoked);
                return false;
            }
        }
        return running;
    }

    private void rewind(ConsumerRecords<String, byte[]> polled) {
        Set<TopicPartition> owned = consumer.assignment();
        for (TopicPartition partition : polled.partitions()) {
            if (owned.contains(partition)) {
                consumer.seek(partition, polled.records(partition).getFirst().offset());
            }
        }
    }

    private void commitOnStop() {
        try {
            commit(uncommitted.keySet());
        } catch (WakeupException pending) {
            // stop() woke the consumer after the loop had ended; that wake-up is used up now.
            commit(uncommitted.keySet());
        }
    }

    /** Commits what is applied on these partitions; if that fails, their next owner applies those events again. */
    private void commit(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = uncommitted.get(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        }
        committedAt = System.nanoTime();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            commits.increment();
        } catch (WakeupException stopping) {
            throw stopping;
        } catch (KafkaException failure) {
            // Usually a rebalance: the events are replayed by the next owner, which is harmless.
            log.warn("Committing offsets {} failed; the events will be applied again: {}", offsets, failure.toString());
        }
        offsets.keySet().forEach(uncommitted::remove);
    }

    private void tryEnsureIndex() {
        try {
            readModels.ensureExist();
        } catch (IOException | RuntimeException stillDown) {
            // The next write attempt reports it.
        }
    }

    private void failed(String what, Exception failure, Duration nextPause) {
        status = new ProjectionStatus(true, failure.toString(), Instant.now());
        log.warn("Projection failed {}; retrying in {}: {}", what, nextPause, failure.toString());
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(properties.maxRetryBackoff()) > 0 ? properties.maxRetryBackoff() : doubled;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Pauses partitions assigned during a retry too, and notes lost ones so the retried batch is dropped. */
    private final class RetryAwareRebalanceListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
            commit(partitions);
        }

        /** Gone without a handover: committing would be refused, and the next owner replays those events. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
            partitions.forEach(uncommitted::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retrying) {
                consumer.pause(partitions);
            }
        }
    }
}
