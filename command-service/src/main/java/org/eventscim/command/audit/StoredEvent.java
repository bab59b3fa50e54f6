package org.eventscim.command.audit;

import org.eventscim.events.StreamPosition;

/**
 * One row of the event store exactly as stored: the bytes an auditor relies on, not a decoded event, so
 * that the chain covers what is on disk whatever a later serializer makes of it.
 */
record StoredEvent(
        StreamPosition position,
        String eventId,
        String aggregateId,
        long sequenceNumber,
        String aggregateType,
        String payloadType,
        String payloadRevision,
        String timestamp,
        byte[] payload,
        byte[] metadata) {

    String tenant() {
        return MetadataTenant.of(metadata);
    }
}
