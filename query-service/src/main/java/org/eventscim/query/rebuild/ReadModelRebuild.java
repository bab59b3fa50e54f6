package org.eventscim.query.rebuild;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.deadletter.DeadLetterBatch;
import org.eventscim.query.deadletter.DeadLetters;
import org.eventscim.query.index.IndexFreshness;
import org.eventscim.query.index.IndexGenerations;
import org.eventscim.query.index.ReadModelIndexes;
import org.eventscim.query.index.ReadModels;
import org.eventscim.query.projection.ProjectionHold;
import org.eventscim.query.projection.ProjectionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the users, groups and memberships read models from the event store into new indexes and moves the
 * aliases to them, while reads keep being answered from the old ones (DESIGN decision 6):
 * <ol>
 *   <li>creates new indexes (the configured names plus {@code -r<UTC time>}) with today's mappings;</li>
 *   <li>folds every stored event into them, in store order, with the live projection's own fold
 *       ({@link ProjectionWriter#fold}), while the live projection keeps writing to the old indexes;</li>
 *   <li>holds the live projection between two of its batches ({@link ProjectionHold}) and folds the rest of the
 *       store: everything the live projection applied came from Kafka, which the publisher fills from the same
 *       store in the same order, so it is all in the new indexes too;</li>
 *   <li>refreshes the new indexes and moves the three aliases in one atomic request, then releases the live
 *       projection, whose next batches go through the aliases to the new indexes (events folded already are
 *       refused there as not newer, as any redelivery is);</li>
 *   <li>keeps the old indexes (a point in time opened on them, hence a cursor walk, still reads them), or
 *       deletes them when asked.</li>
 * </ol>
 * One rebuild at a time. If it fails before the aliases move, the new indexes are deleted and nothing else
 * changed. The audit trail is not rebuilt here.
 */
@Component
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'-r'yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final IndexGenerations generations;
    private final IndexFreshness freshness;
    private final ReadModelIndexes aliases;
    private final ProjectionWriter writer;
    private final ProjectionHold hold;
    private final EventStoreReader store;
    private final RebuildProperties properties;
    private final DeadLetters deadLetters;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("read-model-rebuild").daemon().factory());

    private volatile RebuildStatus status;

    ReadModelRebuild(IndexGenerations generations, IndexFreshness freshness, ReadModels readModels,
                     ProjectionWriter writer, ProjectionHold hold, EventStoreReader store, RebuildProperties properties,
                     DeadLetters deadLetters) {
        this.generations = generations;
        this.freshness = freshness;
        this.aliases = ReadModelIndexes.aliasesOf(readModels);
        this.writer = writer;
        this.hold = hold;
        this.store = store;
        this.properties = properties;
        this.deadLetters = deadLetters;
    }

    /** The latest rebuild's state; null if none ran since the service started. */
    public RebuildStatus status() {
        return status;
    }

    /**
     * Creates the new indexes and starts folding into them in the background; 409 while another rebuild runs.
     *
     * @param requester      who asked; the reads of the event store are made on its behalf
     * @param deletePrevious whether the indexes the aliases point to now are deleted once they no longer do
     */
    public synchronized RebuildStatus start(Caller requester, boolean deletePrevious) throws IOException {
        if (status != null && status.running()) {
            throw new ScimException(HttpStatus.CONFLICT, null, "A rebuild of the read models is running already.");
        }
        Instant started = Instant.now();
        ReadModelIndexes indexes = generations.create(SUFFIX.format(started));
        indexes.all().forEach(freshness::track);
        status = RebuildStatus.loading(started, indexes);
        log.info("Rebuilding the read models from the event store into {}", indexes.all());
        worker.execute(() -> run(requester, indexes, deletePrevious));
        return status;
    }

    private void run(Caller requester, ReadModelIndexes indexes, boolean deletePrevious) {
        try {
            // Up to a short page: the rest, written meanwhile, is folded while the live projection is held.
            DeadLetterBatch letters = deadLetters.rebuildBatch();
            StreamPosition position = fold(StreamPosition.START, indexes, requester, true, letters);
            status = status.catchingUp();
            if (!hold.hold(properties.holdTimeout())) {
                throw new IOException("The live projection did not finish its batch within " + properties.holdTimeout());
            }
            long heldSince = System.nanoTime();
            ReadModelIndexes previous;
            try {
                fold(position, indexes, requester, false, letters);
                // The aliases' freshness guards know nothing of what the rebuild wrote: searchable before they move.
                generations.refresh(indexes);
                previous = generations.current();
                generations.swap(previous, indexes);
                // What the live projection wrote before, held for searches, may be older than what the new indexes hold.
                aliases.all().forEach(freshness::applied);
            } finally {
                hold.release();
            }
            long held = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heldSince);
            indexes.all().forEach(freshness::forget);
            status = status.succeeded(previous, deletePrevious && deleted(previous), held);
            log.info("Read models rebuilt from {} events into {}; the live projection was held {} ms",
                    status.eventsRead(), indexes.all(), held);
        } catch (IOException | RuntimeException failure) {
            log.error("Rebuilding the read models into {} failed", indexes.all(), failure);
            status = status.failed(failure.toString());
            discard(indexes);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            status = status.failed("interrupted");
            discard(indexes);
        }
    }

    /**
     * Folds the store's events after {@code from} into {@code indexes}, page by page; stops after the first page
     * shorter than a batch ({@code untilShortPage}) or at the first empty one. Returns the position reached.
     */
    private StreamPosition fold(StreamPosition from, ReadModelIndexes indexes, Caller requester, boolean untilShortPage,
                                DeadLetterBatch letters) throws IOException {
        StreamPosition position = from;
        while (true) {
            List<EventEnvelope> page = store.after(position, properties.batchSize(), requester);
            if (page.isEmpty()) {
                return position;
            }
            writer.fold(page, indexes, letters);
            position = page.getLast().position();
            status = status.read(page.size(), position.transactionId() + ":" + position.globalIndex());
            if (untilShortPage && page.size() < properties.batchSize()) {
                return position;
            }
        }
    }

    private boolean deleted(ReadModelIndexes previous) {
        try {
            generations.delete(previous);
            return true;
        } catch (IOException | RuntimeException failure) {
            log.warn("The read models were rebuilt, but deleting the previous indexes {} failed: {}", previous.all(),
                    failure.toString());
            return false;
        }
    }

    /** Deletes a failed rebuild's indexes, unless the aliases point to them after all (a swap that timed out). */
    private void discard(ReadModelIndexes indexes) {
        indexes.all().forEach(freshness::forget);
        try {
            if (generations.current().all().stream().noneMatch(indexes.all()::contains)) {
                generations.delete(indexes);
            }
        } catch (IOException | RuntimeException failure) {
            log.warn("Could not delete the failed rebuild's indexes {}: {}", indexes.all(), failure.toString());
        }
    }
}
