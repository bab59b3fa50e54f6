package org.eventscim.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eventscim.events.credential.AuditDataRead;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Records every read of audit data as an {@link AuditDataRead} event of the reader's tenant, through the
 * command-service's credential event endpoint (the gateway relays its credential events the same way), so
 * it is stored, chained and published like every other event. Recorded before the data is sent: a read
 * that cannot be recorded is refused (503) rather than left unrecorded.
 */
@Component
class AuditReadRecorder {

    private static final Logger log = LoggerFactory.getLogger(AuditReadRecorder.class);
    private static final String TYPE = AuditDataRead.class.getSimpleName();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CallerTokenCodec callerTokens;
    private final ObjectMapper json;
    private final URI target;

    AuditReadRecorder(CallerTokenCodec callerTokens, ObjectMapper json,
                      @Value("${scim.audit.command-url}") String commandUrl) {
        this.callerTokens = callerTokens;
        this.json = json;
        this.target = URI.create(commandUrl + "/internal/credential-events");
    }

    /** Records that {@code caller} read {@code what}; the event carries the caller as its actor. */
    void record(Caller caller, String what, String query) {
        ArrayNode events = json.createArrayNode();
        events.addObject()
                .put("eventId", UUID.randomUUID().toString())
                .put("tenantId", caller.tenantId())
                .put("type", TYPE)
                .put("occurredAt", Instant.now().toString())
                .put("actorId", caller.actorId())
                .put("actorName", caller.actorName())
                .put("sourceIp", caller.sourceIp())
                .put("userAgent", caller.userAgent())
                .put("requestId", caller.requestId())
                .set("payload", json.valueToTree(new AuditDataRead(what, query)));
        // The command-service takes credential events from trusted services only; this one vouches for the reader.
        Caller service = new Caller(caller.tenantId(), "query-service", "audit read recorder", Set.of(Scopes.ADMIN),
                null, null, caller.requestId(), null);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(10))
                    .header(Caller.HEADER, callerTokens.sign(service, Duration.ofMinutes(1)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(events)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            log.warn("Recording an audit read failed: the command-service answered {}: {}", response.statusCode(),
                    response.body());
        } catch (IOException failure) {
            log.warn("Recording an audit read failed: {}", failure.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        throw new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null,
                "Reading audit data is recorded, and recording it failed; retry later.");
    }
}
