package org.eventscim.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.eventscim.events.EventEnvelope;

/** Reads an envelope's payload as its event record, for the projectors. */
final class EventPayloads {

    /** Tolerates members added to event records later: consumers may be older than producers. */
    private static final ObjectMapper PAYLOADS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventPayloads() {
    }

    /** @throws IllegalArgumentException when the payload is not a {@code type}: no retry can fix that */
    static <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return PAYLOADS.treeToValue(event.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unreadable " + type.getSimpleName() + " payload of event " + event.eventId(), e);
        }
    }

    /** A copy of the attributes a creation event carries, without those the read side renders itself. */
    static ObjectNode attributes(ObjectNode created, Collection<String> rendered) {
        ObjectNode attributes = created == null ? PAYLOADS.createObjectNode() : created.deepCopy();
        attributes.remove(rendered);
        return attributes;
    }
}
