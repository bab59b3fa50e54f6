package org.eventscim.command.credential;

import java.util.List;
import java.util.Map;
import org.eventscim.command.publishing.EventStorePublisher;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/credential-events}: the gateway's relay of credential events (tokens issued and
 * revoked, tenants created, failed-authentication bursts) into the event store, where they are
 * published and audited like every other change. Only the gateway's operator caller may post here;
 * the gateway never forwards this path from clients.
 */
@RestController
class CredentialEventsController {

    private final CredentialEventAppender appender;
    private final EventStorePublisher publisher;

    CredentialEventsController(CredentialEventAppender appender, EventStorePublisher publisher) {
        this.appender = appender;
        this.publisher = publisher;
    }

    @PostMapping("/internal/credential-events")
    Map<String, Integer> append(Caller caller, @RequestBody List<RelayedCredentialEvent> events) {
        if (!caller.hasScope(Scopes.ADMIN)) {
            throw ScimException.forbidden("Only the gateway relays credential events.");
        }
        int appended = 0;
        for (RelayedCredentialEvent event : events) {
            appended += appender.append(event) ? 1 : 0;
        }
        publisher.wakeUp();
        return Map.of("appended", appended);
    }
}
