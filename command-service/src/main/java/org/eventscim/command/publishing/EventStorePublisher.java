package org.eventscim.command.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The outbox: publishes every stored event to Kafka, at least once and in store order, from a
 * position kept in the same database. Writes never wait for it; if Kafka is down they still succeed
 * and publication resumes where it stopped.
 *
 * <p>The position is saved at most once per {@code position-save-interval}, not after every batch: a
 * durable write per batch cost a commit (and its fsync) on the path of every write's visibility. After
 * a crash, what was sent since the last save is sent again, which the read side ignores.
 */
@Component
public class EventStorePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStorePublisher.class);

    private final StoredEventReader reader;
    private final PublicationPositionStore positions;
    private final KafkaEventSender sender;
    private final PublishingProperties properties;
    private final Timer lag;
    private final Counter positionSaves;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    EventStorePublisher(StoredEventReader reader, PublicationPositionStore positions, KafkaEventSender sender,
                        PublishingProperties properties, MeterRegistry meters) {
        this.reader = reader;
        this.positions = positions;
        this.sender = sender;
        this.properties = properties;
        this.lag = Timer.builder("scim.publication.lag")
                .description("From an event's append to Kafka's acknowledgement of it")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.positionSaves = Counter.builder("scim.publication.position.saves")
                .description("Saves of the position publication has reached")
                .register(meters);
    }

    /** Called after a command committed, so new events go out without waiting for the idle poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("kafka-publisher").start(this::publishUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void publishUntilStopped() {
        StreamPosition position = null;
        StreamPosition saved = null;
        long savedAt = System.nanoTime();
        HeldBackPolls polls = new HeldBackPolls(properties.idlePoll());
        while (running) {
            try {
                if (position == null) {
                    position = positions.load();
                    saved = position;
                }
                StoredBatch stored = reader.after(position, properties.batchSize());
                List<EventEnvelope> batch = stored.events();
                if (!batch.isEmpty()) {
                    sender.sendAll(batch);
                    Instant published = Instant.now();
                    batch.forEach(event -> lag.record(Duration.between(event.timestamp(), published)));
                    position = batch.getLast().position();
                }
                if (!position.equals(saved) && System.nanoTime() - savedAt >= properties.positionSaveInterval().toNanos()) {
                    save(position);
                    saved = position;
                    savedAt = System.nanoTime();
                }
                if (batch.isEmpty()) {
                    // Also wakes up within the idle poll to save what the last batch reached.
                    awaitWakeUp(polls.waitMillis(stored.heldBack()));
                }
            } catch (Exception failure) {
                log.warn("Publishing to Kafka failed; retrying from the last acknowledged position: {}",
                        failure.toString());
                position = null;
                awaitWakeUp(properties.retryBackoff().toMillis());
            }
        }
        if (position != null && !position.equals(saved)) {
            try {
                save(position);
            } catch (RuntimeException failure) {
                log.warn("Saving the publication position on stop failed; the next start sends some events again: {}",
                        failure.toString());
            }
        }
    }

    private void save(StreamPosition position) {
        positions.save(position);
        positionSaves.increment();
    }

    private void awaitWakeUp(long millis) {
        try {
            wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
