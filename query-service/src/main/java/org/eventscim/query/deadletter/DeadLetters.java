package org.eventscim.query.deadletter;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.index.DeadLetter;
import org.eventscim.query.index.DeadLetterIndex;
import org.eventscim.query.index.ReadModels;
import org.springframework.stereotype.Component;

/**
 * The projection's dead-letter store: events it could not apply, kept in their own index until a replay
 * applies them, and the resources they block. A resource with a dead letter takes no further events (they
 * become dead letters too, {@link DeadLetter#BLOCKED}): applying a later change would skip the failed one,
 * and the read model would show a state that never existed. Every other resource goes on as usual.
 *
 * <p>{@code scim_projection_dead_letters} (a gauge: letters waiting) is the alert: anything above zero means
 * part of the read model is behind the event store until someone looks. State changes only on the
 * projection's thread, through {@link DeadLetterBatch#commit()}, {@link #reload()} and {@link #forget}: a batch
 * that fails before its commit changes nothing.
 */
@Component
public class DeadLetters {

    private final ElasticsearchClient client;
    private final DeadLetterIndex index;
    /** Every stored letter's id, with its resource (empty for a record that is no event). */
    private final Map<String, Optional<ResourceKey>> letters = new ConcurrentHashMap<>();
    /** The first letter of each blocked resource, which the later ones name as {@code blockedBy}. */
    private final Map<ResourceKey, String> blocked = new ConcurrentHashMap<>();
    private final Map<String, Counter> added = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final AtomicReference<CompletableFuture<Replayed>> replayRequest = new AtomicReference<>();

    DeadLetters(ElasticsearchClient client, ReadModels readModels, MeterRegistry meters) {
        this.client = client;
        this.index = readModels.deadLetters();
        this.meters = meters;
        Gauge.builder("scim.projection.dead.letters", letters, Map::size)
                .description("Events the projection could not apply, waiting in the dead-letter store for a replay")
                .register(meters);
    }

    /** A new set of letters for one attempt at writing a batch; nothing is kept unless it is committed. */
    public DeadLetterBatch batch() {
        return new DeadLetterBatch(this, Set.of());
    }

    /**
     * Letters for a rebuild of the read models from the event store: it blocks a resource only behind a poison
     * event it met itself (it reads every event from the start, so the live projection's blocks do not apply),
     * and is never committed: the live projection meets the same events and stores its own letters.
     */
    public DeadLetterBatch rebuildBatch() {
        return new DeadLetterBatch(this, null);
    }

    /** The same for a replay of these letters: their resources take events again unless one fails again. */
    public DeadLetterBatch replayOf(Collection<DeadLetter> replayed) {
        Set<ResourceKey> released = new HashSet<>();
        replayed.forEach(letter -> key(letter).ifPresent(released::add));
        return new DeadLetterBatch(this, released);
    }

    /** Reads which resources are blocked from the store: at start-up, and after a replay that did not finish. */
    public void reload() throws IOException {
        List<DeadLetter> stored = read(false, Integer.MAX_VALUE);
        letters.clear();
        blocked.clear();
        stored.forEach(this::remember);
    }

    /** Letters waiting, oldest event first, without the events they hold; at most {@code limit}. */
    public List<DeadLetter> summaries(int limit) throws IOException {
        return read(false, limit);
    }

    /** Every letter with its event, in the order a replay applies them: the event store's order. */
    public List<DeadLetter> all() throws IOException {
        return read(true, Integer.MAX_VALUE);
    }

    /** How many letters are waiting. */
    public int count() {
        return letters.size();
    }

    /**
     * Asks the projection to apply the letters again, between two batches of its own (after a fix is deployed, a
     * restart does the same). Requests made before it starts share one replay.
     */
    public CompletableFuture<Replayed> requestReplay() {
        return replayRequest.updateAndGet(pending -> pending != null ? pending : new CompletableFuture<>());
    }

    /** The replay someone asked for, if any; the caller completes it. */
    public Optional<CompletableFuture<Replayed>> takeReplayRequest() {
        return Optional.ofNullable(replayRequest.getAndSet(null));
    }

    /** Deletes letters a replay applied. */
    public void forget(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        BulkRequest.Builder request = new BulkRequest.Builder();
        ids.forEach(id -> request.operations(operation -> operation.delete(delete -> delete.index(index.alias()).id(id))));
        failOnErrors(client.bulk(request.build()));
        ids.forEach(letters::remove);
    }

    /** Whether the resource waits behind a dead letter: none of its later events is applied until a replay. */
    public boolean blocks(ResourceKey resource) {
        return blocked.containsKey(resource);
    }

    String blockedBy(ResourceKey resource) {
        return blocked.get(resource);
    }

    /** Stores a batch's letters; the released resources are blocked afterwards only if they have a new letter. */
    void store(Collection<DeadLetter> batch, Set<ResourceKey> released) throws IOException {
        if (!batch.isEmpty()) {
            write(batch);
        }
        released.forEach(blocked::remove);
        for (DeadLetter letter : batch) {
            if (!remember(letter)) {
                continue;
            }
            added.computeIfAbsent(letter.reason(), reason -> Counter.builder("scim.projection.dead.letters.added")
                    .description("Events put in the dead-letter store, by reason (failed, blocked, unreadable)")
                    .tag("reason", reason)
                    .register(meters)).increment();
        }
    }

    private void write(Collection<DeadLetter> batch) throws IOException {
        BulkRequest.Builder request = new BulkRequest.Builder();
        batch.forEach(letter -> request.operations(operation -> operation.index(write -> write.index(index.alias())
                .id(letter.id()).document(letter))));
        failOnErrors(client.bulk(request.build()));
    }

    /** Returns whether the letter is new (not one a replay failed to apply again). */
    private boolean remember(DeadLetter letter) {
        Optional<ResourceKey> resource = key(letter);
        // A resource's first letter is the one the others are blocked by, or one that failed on its own.
        resource.ifPresent(key -> blocked.putIfAbsent(key, letter.blockedBy() != null ? letter.blockedBy() : letter.id()));
        return letters.put(letter.id(), resource) == null;
    }

    static Optional<ResourceKey> key(DeadLetter letter) {
        if (letter.tenant() == null || letter.resourceType() == null || letter.resourceId() == null) {
            return Optional.empty();
        }
        return Optional.of(new ResourceKey(letter.tenant(), letter.resourceType(), letter.resourceId()));
    }

    private List<DeadLetter> read(boolean withEvents, int limit) throws IOException {
        client.indices().refresh(refresh -> refresh.index(index.alias()));
        List<DeadLetter> found = new ArrayList<>();
        List<FieldValue> after = null;
        while (found.size() < limit) {
            List<FieldValue> from = after;
            int size = Math.min(index.pageSize(), limit - found.size());
            SearchResponse<DeadLetter> page = client.search(search -> {
                search.index(index.alias()).size(size)
                        .sort(sort -> sort.field(field -> field.field(DeadLetter.GLOBAL_INDEX).order(SortOrder.Asc)
                                .missing(FieldValue.of(Long.MAX_VALUE))))
                        .sort(sort -> sort.field(field -> field.field(DeadLetter.ID).order(SortOrder.Asc)));
                if (!withEvents) {
                    search.source(source -> source.filter(filter -> filter.excludes(DeadLetter.ENVELOPE,
                            DeadLetter.RAW_RECORD)));
                }
                if (from != null) {
                    search.searchAfter(from);
                }
                return search;
            }, DeadLetter.class);
            List<Hit<DeadLetter>> hits = page.hits().hits();
            hits.forEach(hit -> found.add(hit.source()));
            if (hits.size() < size) {
                break;
            }
            after = hits.getLast().sort();
        }
        return found;
    }

    /** A letter already deleted is no error: Elasticsearch answers it {@code not_found} without one. */
    private static void failOnErrors(BulkResponse response) throws IOException {
        if (!response.errors()) {
            return;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() != null) {
                throw new IOException("Dead letter " + item.id() + " failed with " + item.status() + ": "
                        + item.error().reason());
            }
        }
    }
}
