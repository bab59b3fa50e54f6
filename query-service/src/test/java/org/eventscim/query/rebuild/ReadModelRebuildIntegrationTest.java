package org.eventscim.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.support.QueryServiceStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild on a real Kafka and Elasticsearch, with a stand-in command-service serving the event store: the
 * rebuilt indexes hold exactly what the live projection built from the same events, plus the events the store
 * has and Kafka has not delivered yet; the aliases move; the live projection then goes on in the new indexes,
 * a redelivery of an event already rebuilt changing nothing; a second rebuild deletes the first one's indexes
 * when asked.
 */
class ReadModelRebuildIntegrationTest {

    private static final ObjectMapper JSON = QueryServiceStack.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong TRANSACTIONS = new AtomicLong(5000);
    /** The event store, in position order. */
    private static final List<EventEnvelope> STORE = new CopyOnWriteArrayList<>();
    private static final String[] ALIASES = {"scim-users", "scim-groups", "scim-memberships"};

    @TempDir
    static Path dataDirectory;

    private static QueryServiceStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = QueryServiceStack.startWithCommandService(dataDirectory, "/internal/events",
                ReadModelRebuildIntegrationTest::serveStore,
                // Several pages, so the fold carries documents from one page to the next.
                "--scim.rebuild.batch-size=3");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theRebuiltIndexesHoldWhatTheLiveProjectionHoldsAndTheStoreAddsAndTakeOverTheAliases() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String ada = "ada-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String admins = "admins-" + UUID.randomUUID();
        String gone = "gone-" + UUID.randomUUID();
        // Stored and delivered: users changed and deleted, a group whose members change, a group deleted.
        for (EventEnvelope event : List.of(
                event(tenant, "User", ada, 1, "UserCreated", new UserCreated(ada, tenant, JSON.createObjectNode()
                        .put("userName", "ada").put("title", "Engineer"))),
                event(tenant, "User", bob, 1, "UserCreated", new UserCreated(bob, tenant, JSON.createObjectNode()
                        .put("userName", "bob"))),
                event(tenant, "Group", admins, 1, "GroupCreated", new GroupCreated(admins, tenant, JSON.createObjectNode()
                        .put("displayName", "Admins"))),
                event(tenant, "User", ada, 2, "UserChanged", titled(ada, "Engineer", "Lead")),
                event(tenant, "Group", admins, 2, "GroupMembersAdded", new GroupMembersAdded(admins,
                        List.of(new GroupMember(ada, "User"), new GroupMember(bob, "User")))),
                event(tenant, "Group", gone, 1, "GroupCreated", new GroupCreated(gone, tenant, JSON.createObjectNode()
                        .put("displayName", "Gone"))),
                event(tenant, "Group", gone, 2, "GroupMembersAdded", new GroupMembersAdded(gone,
                        List.of(new GroupMember(ada, "User")))),
                event(tenant, "Group", admins, 3, "GroupMembersRemoved", new GroupMembersRemoved(admins,
                        List.of(new GroupMember(bob, "User")))),
                event(tenant, "User", bob, 2, "UserDeleted", new UserDeleted(bob)),
                event(tenant, "Group", gone, 3, "GroupDeleted", new GroupDeleted(gone)))) {
            store(event);
            publish(event);
        }
        awaitApplied(tenant, "Group", gone, 3);
        awaitApplied(tenant, "Group", admins, 3);
        awaitApplied(tenant, "User", bob, 2);
        awaitApplied(tenant, "User", ada, 2);
        // A search that refreshes makes all of it searchable; the next change the live projection holds for lookups.
        assertThat(lookUp(tenant, "bo*").isMissingNode()).isTrue();
        EventEnvelope promoted = event(tenant, "User", ada, 3, "UserChanged", titled(ada, "Lead", "Principal"));
        store(promoted);
        publish(promoted);
        awaitApplied(tenant, "User", ada, 3);
        assertThat(lookUp(tenant, "ada").path("title").asText()).isEqualTo("Principal");
        Map<String, JsonNode> live = documents(tenant, ALIASES);
        // Stored, not on Kafka yet: the publisher is behind.
        EventEnvelope late = store(event(tenant, "User", ada, 4, "UserChanged", titled(ada, "Principal", "Director")));

        JsonNode first = rebuild(false);

        assertThat(first.path("previous").path("users").asText()).isEqualTo("scim-users-v2");
        for (String alias : ALIASES) {
            assertThat(behind(alias)).containsExactly(first.path("indexes").path(alias.substring(5)).asText());
        }
        Map<String, JsonNode> rebuilt = documents(tenant, ALIASES);
        String adaId = "scim-users/" + tenant + "/" + ada;
        assertThat(rebuilt.get(adaId).path("version").asLong()).isEqualTo(4);
        assertThat(rebuilt.get(adaId).path("resource").path("title").asText()).isEqualTo("Director");
        // A lookup right after the move reads what the new indexes hold, not what the live projection wrote before.
        assertThat(lookUp(tenant, "ada").path("title").asText()).isEqualTo("Director");
        rebuilt.remove(adaId);
        live.remove(adaId);
        assertThat(rebuilt).isEqualTo(live).hasSize(4);
        assertThat(exists("scim-users-v2")).isTrue();

        // The live projection goes on in the new indexes: the late event's delivery changes nothing, the next applies.
        publish(late);
        EventEnvelope next = event(tenant, "User", ada, 5, "UserChanged", titled(ada, "Director", "CTO"));
        store(next);
        publish(next);
        awaitApplied(tenant, "User", ada, 5);
        assertThat(documents(tenant, "scim-users").get(adaId).path("resource").path("title").asText()).isEqualTo("CTO");

        JsonNode second = rebuild(true);

        assertThat(second.path("previous")).isEqualTo(first.path("indexes"));
        assertThat(second.path("previousDeleted").asBoolean()).isTrue();
        assertThat(exists(first.path("indexes").path("users").asText())).isFalse();
        assertThat(documents(tenant, ALIASES).get(adaId).path("resource").path("title").asText()).isEqualTo("CTO");
        assertThat(post("", Set.of(Scopes.SCIM_READ)).statusCode()).isEqualTo(403);
    }

    /** The tenant's first user the filter finds ({@code userName eq}, or {@code sw} for a trailing '*'); missing if none. */
    private static JsonNode lookUp(String tenant, String userName) throws Exception {
        Caller reader = new Caller(tenant, "reader-token", "reader", Set.of(Scopes.SCIM_READ), "127.0.0.1", "test",
                "req-rebuild-read", null);
        String filter = URLEncoder.encode(userName.endsWith("*")
                ? "userName sw \"" + userName.substring(0, userName.length() - 1) + "\""
                : "userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
        return JSON.readTree(HTTP.send(stack.request(reader, "/scim/v2/Users?filter=" + filter).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("Resources").path(0);
    }

    private static JsonNode rebuild(boolean deletePrevious) throws Exception {
        HttpResponse<String> started = post("?deletePrevious=" + deletePrevious, Set.of(Scopes.ADMIN));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode status = JSON.readTree(HTTP.send(request("/internal/read-models/rebuild", Set.of(Scopes.ADMIN))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String phase = status.path("phase").asText();
            if (phase.equals("SUCCEEDED") || phase.equals("FAILED")) {
                assertThat(phase).as(status.toString()).isEqualTo("SUCCEEDED");
                return status;
            }
            assertThat(System.nanoTime()).as("the rebuild to end").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> post(String query, Set<String> scopes) throws Exception {
        return HTTP.send(request("/internal/read-models/rebuild" + query, scopes)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, Set<String> scopes) {
        Caller operator = new Caller("default", "operator-token", "operator", scopes, "127.0.0.1", "test", "req-rebuild",
                null);
        return stack.request(operator, path);
    }

    /** The stand-in command-service's {@code GET /internal/events}: the store after a position, for services only. */
    private static void serveStore(HttpExchange exchange) throws IOException {
        if (!QueryServiceStack.verify(exchange.getRequestHeaders().getFirst(Caller.HEADER)).hasScope(Scopes.ADMIN)) {
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
            return;
        }
        Map<String, String> query = new TreeMap<>();
        for (String parameter : exchange.getRequestURI().getQuery().split("&")) {
            String[] pair = parameter.split("=", 2);
            query.put(pair[0], pair[1]);
        }
        String[] after = query.get("after").split(":");
        StreamPosition from = new StreamPosition(Long.parseLong(after[0]), Long.parseLong(after[1]));
        List<EventEnvelope> page = STORE.stream()
                .filter(event -> event.position().compareTo(from) > 0)
                .limit(Long.parseLong(query.get("limit")))
                .toList();
        byte[] answer = JSON.writeValueAsBytes(page);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /** Every document of the tenant in these indexes or aliases, by index alias and id. */
    private static Map<String, JsonNode> documents(String tenant, String... aliases) throws Exception {
        Map<String, JsonNode> documents = new TreeMap<>();
        for (String alias : aliases) {
            elasticsearch("POST", "/" + alias + "/_refresh", "");
            JsonNode hits = JSON.readTree(elasticsearch("POST", "/" + alias + "/_search",
                    "{\"size\":1000,\"query\":{\"term\":{\"tenant\":\"" + tenant + "\"}}}").body()).path("hits").path("hits");
            hits.forEach(hit -> documents.put(alias + "/" + hit.path("_id").asText(), hit.path("_source")));
        }
        return documents;
    }

    private static List<String> behind(String alias) throws Exception {
        List<String> indexes = new ArrayList<>();
        JSON.readTree(elasticsearch("GET", "/_alias/" + alias, null).body()).fieldNames().forEachRemaining(indexes::add);
        return indexes;
    }

    private static boolean exists(String index) throws Exception {
        return elasticsearch("GET", "/" + index, null).statusCode() == 200;
    }

    private static HttpResponse<String> elasticsearch(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.elasticsearch().url() + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitApplied(String tenant, String resourceType, String id, long version) throws Exception {
        Caller service = new Caller(tenant, "command-service", "test", Set.of(), null, null, "req", null);
        JsonNode answer = stack.get(service, "/internal/applied?resourceType=" + resourceType + "&id=" + id
                + "&version=" + version + "&timeoutMs=10000").body();
        assertThat(answer.path("applied").asBoolean()).as(resourceType + " " + id + " version " + version).isTrue();
    }

    private static UserChanged titled(String id, String before, String after) {
        return new UserChanged(id, List.of(new AttributeChange("title", JSON.getNodeFactory().textNode(before),
                JSON.getNodeFactory().textNode(after))));
    }

    private static EventEnvelope event(String tenant, String resourceType, String id, long version, String type,
                                       Object payload) {
        long transaction = TRANSACTIONS.incrementAndGet();
        return new EventEnvelope(UUID.randomUUID().toString(), type, resourceType, id, version,
                new StreamPosition(transaction, transaction), T0.plusSeconds(transaction),
                new EventMetadata(tenant, "token-entra", "entra", "10.1.2.3", "Entra/1.0", "req-" + version, null),
                JSON.valueToTree(payload));
    }

    private static EventEnvelope store(EventEnvelope event) {
        STORE.add(event);
        return event;
    }

    private static void publish(EventEnvelope event) throws Exception {
        stack.publish(event);
    }
}
