package org.eventscim.command.credential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A credential event as the gateway relays it: its id (stable across redeliveries), tenant, type name
 * (see {@code EventTypes}), payload, when it happened and who caused it from where.
 */
record RelayedCredentialEvent(String eventId, String tenantId, String type, JsonNode payload, Instant occurredAt,
                              String actorId, String actorName, String sourceIp, String userAgent, String requestId) {
}
