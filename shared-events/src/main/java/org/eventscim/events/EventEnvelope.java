package org.eventscim.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One stored event as published to Kafka ({@link Topics#EVENTS}, key = {@code resourceId}).
 *
 * @param eventId      unique id of the event, stable across redeliveries
 * @param eventType    stable type name, see {@link EventTypes}
 * @param resourceType {@code User} or {@code Group}
 * @param resourceId   the aggregate id
 * @param version      the resource version after this event (aggregate sequence number + 1)
 * @param position     the event's position in the gap-free, commit-ordered stream of the event store
 * @param timestamp    when the event was recorded
 * @param metadata     tenant, actor, source of the change
 * @param payload      the event record as JSON
 */
public record EventEnvelope(
        String eventId,
        String eventType,
        String resourceType,
        String resourceId,
        long version,
        StreamPosition position,
        Instant timestamp,
        EventMetadata metadata,
        JsonNode payload) {
}
