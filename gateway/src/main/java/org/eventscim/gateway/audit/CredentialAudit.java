package org.eventscim.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records a credential event in the gateway's outbox, inside the caller's transaction when there is one,
 * so the event exists exactly when the change does; {@link CredentialEventRelay} takes it to the event store.
 */
@Component
public class CredentialAudit {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CredentialEventRelay relay;

    CredentialAudit(JdbcTemplate jdbc, ObjectMapper json, CredentialEventRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.relay = relay;
    }

    /** {@code event} is one of the records in {@code org.eventscim.events.credential}. */
    public void record(String tenantId, Object event, CredentialActor actor) {
        try {
            jdbc.update("""
                            INSERT INTO credential_event (event_id, tenant_id, event_type, payload, actor_id, actor_name,
                                                          source_ip, user_agent, request_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    UUID.randomUUID().toString(), tenantId, event.getClass().getSimpleName(), json.writeValueAsString(event),
                    actor.id(), actor.name(), actor.sourceIp(), actor.userAgent(), actor.requestId());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unwritable credential event " + event, e);
        }
        relay.wakeUp();
    }
}
