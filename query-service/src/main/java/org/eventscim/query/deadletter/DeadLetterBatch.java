package org.eventscim.query.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.index.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of one attempt at writing a batch of events. The letters, and the resources they block,
 * count for the rest of the batch at once but are stored only by {@link #commit()}, after the batch's
 * documents: an attempt that fails and is retried starts again from the committed state.
 */
public final class DeadLetterBatch {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterBatch.class);
    private static final ObjectMapper ENVELOPES = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final DeadLetters store;
    private final Map<String, DeadLetter> letters = new LinkedHashMap<>();
    private final Map<ResourceKey, String> blocked = new HashMap<>();
    /** Resources whose letters this batch replays: the store's block does not hold for them here; null for all. */
    private final Set<ResourceKey> released;

    DeadLetterBatch(DeadLetters store, Set<ResourceKey> released) {
        this.store = store;
        this.released = released;
    }

    /** Whether an earlier event of this event's resource is a dead letter, so this one must not be applied. */
    public boolean blocks(EventEnvelope event) {
        ResourceKey resource = key(event);
        return blocked.containsKey(resource)
                || (released != null && !released.contains(resource) && store.blocks(resource));
    }

    /** The projection threw on this event: no retry of the same code can apply it. */
    public void failed(EventEnvelope event, RuntimeException failure) {
        log.error("Dead letter: event {} ({} {} {} v{}) failed: {}", event.eventId(), event.eventType(),
                event.resourceType(), event.resourceId(), event.version(), failure.toString());
        add(event, DeadLetter.FAILED, failure.toString(), null);
    }

    /** The event waits behind an earlier dead letter of its resource. */
    public void blocked(EventEnvelope event) {
        ResourceKey resource = key(event);
        String first = blocked.getOrDefault(resource, store.blockedBy(resource));
        log.warn("Dead letter: event {} ({} {} v{}) waits behind dead letter {}", event.eventId(),
                event.resourceType(), event.resourceId(), event.version(), first);
        add(event, DeadLetter.BLOCKED, "An earlier event of the resource is a dead letter", first);
    }

    /** A Kafka record that is no event envelope. */
    public void unreadable(DeadLetter letter) {
        letters.put(letter.id(), letter);
    }

    /** The ids of this attempt's letters. */
    public Set<String> ids() {
        return letters.keySet();
    }

    /** Stores the letters; from then on their resources are blocked for every batch. */
    public void commit() throws IOException {
        if (released == null) {
            throw new IllegalStateException("A rebuild's letters are not stored");
        }
        store.store(letters.values(), released);
    }

    private void add(EventEnvelope event, String reason, String error, String blockedBy) {
        blocked.putIfAbsent(key(event), blockedBy != null ? blockedBy : event.eventId());
        StreamPosition position = event.position();
        letters.put(event.eventId(), new DeadLetter(event.eventId(), event.metadata().tenantId(), event.resourceType(),
                event.resourceId(), event.version(), event.eventType(), reason, error, blockedBy,
                position == null ? null : position.globalIndex(), Instant.now(), null,
                ENVELOPES.valueToTree(event), null));
    }

    private static ResourceKey key(EventEnvelope event) {
        return new ResourceKey(event.metadata().tenantId(), event.resourceType(), event.resourceId());
    }
}
