package org.eventscim.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eventscim.gateway.bootstrap.BootstrapProperties;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes credential events from the gateway's outbox to the command-service, which stores them in the
 * event store (once, by event id), oldest first; marks them delivered only after the command-service
 * answered. While it is unreachable the events wait, and go out when it is back.
 */
@Component
class CredentialEventRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CredentialEventRelay.class);
    private static final int BATCH = 100;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore wakeUps = new Semaphore(0);
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final CallerTokenCodec callerTokens;
    private final String operatorTenant;
    private final URI target;
    private volatile boolean running;
    private Thread worker;

    CredentialEventRelay(JdbcTemplate jdbc, ObjectMapper json, CallerTokenCodec callerTokens, BootstrapProperties bootstrap,
                         @Value("${scim.routes.command-url}") String commandUrl) {
        this.jdbc = jdbc;
        this.json = json;
        this.callerTokens = callerTokens;
        this.operatorTenant = bootstrap.tenant();
        this.target = URI.create(commandUrl + "/internal/credential-events");
    }

    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("credential-event-relay").daemon().start(this::relayUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relayUntilStopped() {
        while (running) {
            try {
                awaitWakeUp(relayBatch() ? 0 : IDLE_POLL.toMillis());
            } catch (Exception failure) {
                log.warn("Relaying credential events failed; retrying: {}", failure.toString());
                awaitWakeUp(RETRY_BACKOFF.toMillis());
            }
        }
    }

    /** True when a full batch went out, so more may be waiting. */
    private boolean relayBatch() throws Exception {
        ArrayNode batch = json.createArrayNode();
        List<Long> ids = jdbc.query("""
                        SELECT id, event_id, tenant_id, event_type, payload, occurred_at, actor_id, actor_name, source_ip,
                               user_agent, request_id
                        FROM credential_event WHERE delivered_at IS NULL ORDER BY id LIMIT ?""",
                (row, index) -> {
                    try {
                        batch.addObject()
                                .put("eventId", row.getString("event_id"))
                                .put("tenantId", row.getString("tenant_id"))
                                .put("type", row.getString("event_type"))
                                .put("occurredAt", row.getObject("occurred_at", Timestamp.class).toInstant().toString())
                                .put("actorId", row.getString("actor_id"))
                                .put("actorName", row.getString("actor_name"))
                                .put("sourceIp", row.getString("source_ip"))
                                .put("userAgent", row.getString("user_agent"))
                                .put("requestId", row.getString("request_id"))
                                .set("payload", json.readTree(row.getString("payload")));
                    } catch (IOException e) {
                        throw new IllegalStateException("Unreadable credential event " + row.getString("event_id"), e);
                    }
                    return row.getLong("id");
                }, BATCH);
        if (ids.isEmpty()) {
            return false;
        }
        Caller gateway = new Caller(operatorTenant, "gateway", "credential event relay", Set.of(Scopes.ADMIN),
                null, null, UUID.randomUUID().toString(), null);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(30))
                .header(Caller.HEADER, callerTokens.sign(gateway, Duration.ofMinutes(1)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(batch)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("command-service answered " + response.statusCode() + ": " + response.body());
        }
        jdbc.update("UPDATE credential_event SET delivered_at = now() WHERE id = ANY (?)",
                (Object) ids.toArray(Long[]::new));
        return ids.size() == BATCH;
    }

    private void awaitWakeUp(long millis) {
        try {
            if (wakeUps.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
