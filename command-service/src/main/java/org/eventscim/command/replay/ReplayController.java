package org.eventscim.command.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eventscim.command.audit.AuditProperties;
import org.eventscim.command.credential.CredentialEventAppender;
import org.eventscim.command.publishing.EventStorePublisher;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /audit/v1/replay?asOf=<instant>[&tenant=T]} (scope {@code audit:read}): a tenant's users and
 * groups as they were at the instant, rebuilt from the event store alone, as JSON Lines (one SCIM resource a
 * line, groups first), for {@code ./scim audit replay}. A token replays its own tenant; the operator's tenant
 * any tenant. The read is recorded first ({@code AuditDataRead}). Written straight to the response as rows arrive, so neither the request's async timeout nor
 * the size of the tenant limits it.
 */
@RestController
class ReplayController {

    private final TenantReplay replay;
    private final CredentialEventAppender audit;
    private final EventStorePublisher publisher;
    private final AuditProperties properties;
    private final ObjectMapper json;

    ReplayController(TenantReplay replay, CredentialEventAppender audit, EventStorePublisher publisher,
                     AuditProperties properties, ObjectMapper json) {
        this.replay = replay;
        this.audit = audit;
        this.publisher = publisher;
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/audit/v1/replay")
    void replay(Caller caller, @RequestParam(required = false) String tenant, @RequestParam(required = false) String asOf,
                HttpServletResponse response) throws IOException {
        caller.requireScope(Scopes.AUDIT_READ);
        boolean operator = caller.tenantId().equals(properties.operatorTenant());
        if (tenant != null && !operator && !tenant.equals(caller.tenantId())) {
            throw ScimException.notFound("No such tenant.");
        }
        Instant instant = instant(asOf);
        String replayed = tenant != null ? tenant : caller.tenantId();
        // Recorded before anything is read, in the reader's own tenant, like every read of audit data.
        audit.appendAuditRead(caller, "replay", "tenant=" + replayed + "&asOf=" + instant);
        publisher.wakeUp();
        response.setContentType("application/jsonl");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        replay.replay(replayed, instant, caller.baseUrl(), resource -> {
            try {
                writer.write(json.writeValueAsString(resource));
                writer.write('\n');
            } catch (IOException clientGone) {
                throw new UncheckedIOException(clientGone);
            }
        });
        writer.flush();
    }

    private static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return Instant.now();
        }
        try {
            return Instant.parse(asOf.trim());
        } catch (DateTimeParseException malformed) {
            throw ScimException.invalidValue("asOf must be an ISO-8601 instant such as 2026-03-01T12:00:00Z.");
        }
    }
}
