package org.eventscim.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.support.QueryServiceStack;
import org.eventscim.query.support.QueryServiceStack.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison events on a real Kafka and Elasticsearch: an event the projection throws on, and a record that is no
 * event, go to the dead-letter store with the alert metric raised; later events of the same resource wait
 * behind them; every other resource is applied as usual; the letters survive a restart and a replay that
 * cannot apply them changes nothing.
 */
class DeadLettersIntegrationTest {

    private static final AtomicLong POSITIONS = new AtomicLong(1_000);
    /** What the gateway forwards for the operator's admin token. */
    private static final Caller OPERATOR = QueryServiceStack.caller("default", Scopes.ADMIN);

    @TempDir
    static Path dataDirectory;

    private static QueryServiceStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = QueryServiceStack.start(dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void poisonEventsAreParkedWithTheirResourceWhileEveryOtherResourceIsApplied() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        String healthy = UUID.randomUUID().toString();
        String poisoned = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        stack.publish(created(tenant, healthy, "healthy@corp.test"));
        stack.publish(created(tenant, poisoned, "poisoned@corp.test"));
        EventEnvelope poison = event(tenant, poisoned, 2, "UserChanged", Map.of("userId", poisoned, "changes", "not a list"));
        stack.publish(poison);
        EventEnvelope waiting = changed(tenant, poisoned, 3, "Waiting");
        stack.publish(waiting);
        stack.publishRecord("garbage", "{not json".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        stack.publish(created(tenant, later, "later@corp.test"));
        stack.publish(changed(tenant, healthy, 2, "Changed"));

        assertThat(applied(tenant, later, 1, 20_000)).as("a resource after the poison is applied").isTrue();
        assertThat(applied(tenant, healthy, 2, 20_000)).as("a change after the poison is applied").isTrue();
        Response user = get(tenant, "/scim/v2/Users/" + poisoned);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.header("ETag")).as("the poisoned user stays at the version before the poison").isEqualTo("W/\"1\"");
        assertThat(user.body().path("name").has("familyName")).isFalse();
        assertThat(applied(tenant, poisoned, 3, 300)).as("the change behind the poison is not applied over it").isFalse();
        // A write to the parked resource is told so at once rather than after the whole wait it asks for.
        long asked = System.nanoTime();
        assertThat(applied(tenant, poisoned, 3, 8_000)).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(4_000);

        Map<String, JsonNode> letters = letters();
        assertThat(letters).hasSize(3).containsKeys(poison.eventId(), waiting.eventId());
        JsonNode unreadable = letters.values().stream().filter(letter -> letter.path("id").asText().startsWith("kafka:"))
                .findFirst().orElseThrow();
        JsonNode failed = letters.get(poison.eventId());
        assertThat(failed.path("reason").asText()).isEqualTo("failed");
        assertThat(failed.path("tenant").asText()).isEqualTo(tenant);
        assertThat(failed.path("resourceId").asText()).isEqualTo(poisoned);
        assertThat(failed.path("version").asLong()).isEqualTo(2);
        assertThat(failed.path("error").asText()).contains("UserChanged");
        assertThat(failed.has("envelope")).as("the listing leaves the event's contents out").isFalse();
        JsonNode blocked = letters.get(waiting.eventId());
        assertThat(blocked.path("reason").asText()).isEqualTo("blocked");
        assertThat(blocked.path("blockedBy").asText()).isEqualTo(poison.eventId());
        assertThat(unreadable.path("reason").asText()).isEqualTo("unreadable");
        assertThat(unreadable.path("kafkaRecord").asText()).startsWith("scim.events-");
        assertThat(unreadable.path("resourceId").asText()).as("the record's key").isEqualTo("garbage");
        String metrics = metrics();
        assertThat(metrics).contains("scim_projection_dead_letters 3.0");
        assertThat(metrics).contains("scim_projection_dead_letters_added_total{reason=\"failed\"} 1.0");
        assertThat(metrics).contains("scim_projection_dead_letters_added_total{reason=\"blocked\"} 1.0");
        assertThat(metrics).contains("scim_projection_dead_letters_added_total{reason=\"unreadable\"} 1.0");

        // A replay cannot apply what the same code throws on: nothing changes, nothing is counted twice.
        Response replayed = stack.send(stack.request(OPERATOR, "/internal/read-models/dead-letters/replay")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().path("letters").asInt()).isEqualTo(3);
        assertThat(replayed.body().path("applied").asInt()).isZero();
        assertThat(replayed.body().path("remaining").asInt()).isEqualTo(3);
        assertThat(letters()).containsOnlyKeys(letters.keySet());
        assertThat(metrics()).contains("scim_projection_dead_letters 3.0")
                .contains("scim_projection_dead_letters_added_total{reason=\"failed\"} 1.0");

        // The block outlives the service: after a restart the resource's next event waits too, others go on.
        stack.restartService();
        EventEnvelope afterRestart = changed(tenant, poisoned, 4, "AfterRestart");
        stack.publish(afterRestart);
        stack.publish(changed(tenant, later, 2, "Later"));
        assertThat(applied(tenant, later, 2, 30_000)).isTrue();
        stack.awaitProjectionCaughtUp();
        assertThat(get(tenant, "/scim/v2/Users/" + poisoned).header("ETag")).isEqualTo("W/\"1\"");
        Map<String, JsonNode> afterwards = letters();
        assertThat(afterwards).containsKey(afterRestart.eventId()).hasSize(4);
        assertThat(afterwards.get(afterRestart.eventId()).path("blockedBy").asText()).isEqualTo(poison.eventId());
        assertThat(metrics()).contains("scim_projection_dead_letters 4.0");
        assertThat(stack.get(QueryServiceStack.caller("default", Scopes.SCIM_READ, Scopes.AUDIT_READ),
                "/internal/read-models/dead-letters").status()).as("without admin").isEqualTo(403);
        JsonNode health = stack.send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/actuator/health")).build()).body();
        assertThat(health.path("status").asText()).as("dead letters raise an alert, not an outage").isEqualTo("UP");
    }

    private static Map<String, JsonNode> letters() throws Exception {
        Response listing = stack.get(OPERATOR, "/internal/read-models/dead-letters");
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.body().path("waiting").asInt()).isEqualTo(listing.body().path("letters").size());
        return StreamSupport.stream(listing.body().path("letters").spliterator(), false)
                .collect(Collectors.toMap(letter -> letter.path("id").asText(), Function.identity()));
    }

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.baseUri() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static boolean applied(String tenant, String id, long version, long timeoutMs) throws Exception {
        Response response = stack.get(QueryServiceStack.caller(tenant, Scopes.SCIM_WRITE),
                "/internal/applied?resourceType=User&id=" + id + "&version=" + version + "&timeoutMs=" + timeoutMs);
        assertThat(response.status()).isEqualTo(200);
        return response.body().path("applied").asBoolean();
    }

    private static Response get(String tenant, String path) throws Exception {
        return stack.get(QueryServiceStack.caller(tenant, Scopes.SCIM_READ), path);
    }

    private static EventEnvelope created(String tenant, String id, String userName) {
        return event(tenant, id, 1, "UserCreated", new UserCreated(id, tenant,
                QueryServiceStack.JSON.createObjectNode().put("userName", userName)));
    }

    private static EventEnvelope changed(String tenant, String id, long version, String familyName) {
        return event(tenant, id, version, "UserChanged", new UserChanged(id,
                List.of(new AttributeChange("name", null,
                        QueryServiceStack.JSON.createObjectNode().put("familyName", familyName)))));
    }

    private static EventEnvelope event(String tenant, String id, long version, String type, Object payload) {
        long position = POSITIONS.incrementAndGet();
        return new EventEnvelope(UUID.randomUUID().toString(), type, "User", id, version,
                new StreamPosition(position, position), Instant.now(),
                new EventMetadata(tenant, "token-it", "integration-test", "127.0.0.1", "junit", "req-it", null),
                QueryServiceStack.JSON.valueToTree(payload));
    }
}
