package org.eventscim.command.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.EventTypes;
import org.eventscim.events.credential.AuditDataRead;
import org.eventscim.events.credential.CredentialEvents;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.error.ScimException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends a relayed credential event to its tenant's credentials stream in the event store, once: the
 * gateway's event id becomes the stored event's identifier, so a redelivery is recognised and skipped.
 * One event per transaction keeps to the rule that a transaction appends to one stream only.
 */
@Component
public class CredentialEventAppender {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    CredentialEventAppender(EventStore eventStore, JdbcTemplate jdbc, ObjectMapper json) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records that {@code caller} read audit data here ({@code AuditDataRead}), as the query-service records
     * the reads it serves: in the caller's tenant's credentials stream, with the caller as actor.
     */
    @Transactional
    public void appendAuditRead(Caller caller, String what, String query) {
        append(new RelayedCredentialEvent(UUID.randomUUID().toString(), caller.tenantId(),
                AuditDataRead.class.getSimpleName(), json.valueToTree(new AuditDataRead(what, query)), Instant.now(),
                caller.actorId(), caller.actorName(), caller.sourceIp(), caller.userAgent(), caller.requestId()));
    }

    /** False when the event was appended before. */
    @Transactional
    public boolean append(RelayedCredentialEvent event) {
        Class<?> type = EventTypes.classOf(event.type())
                .filter(known -> known.getPackageName().equals(CredentialEvents.class.getPackageName()))
                .orElseThrow(() -> ScimException.invalidValue("Not a credential event type: " + event.type()));
        Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE event_identifier = ?)",
                Boolean.class, event.eventId());
        if (Boolean.TRUE.equals(known)) {
            return false;
        }
        String streamId = CredentialEvents.streamId(event.tenantId());
        // Serialised by the advisory lock: two relays (two gateways) appending to one tenant's stream at once
        // would otherwise both take the same next sequence number, and one would fail.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))::text", String.class, streamId);
        long sequence = eventStore.lastSequenceNumberFor(streamId).map(last -> last + 1).orElse(0L);
        EventMetadata metadata = new EventMetadata(event.tenantId(), event.actorId(), event.actorName(),
                event.sourceIp(), event.userAgent(), event.requestId(), null);
        eventStore.publish(new GenericDomainEventMessage<>(CredentialEvents.RESOURCE_TYPE, streamId, sequence,
                payload(event, type), metadata.toMap(), event.eventId(), event.occurredAt()));
        return true;
    }

    private Object payload(RelayedCredentialEvent event, Class<?> type) {
        try {
            return json.treeToValue(event.payload(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ScimException.invalidValue("Unreadable " + event.type() + " payload.");
        }
    }
}
