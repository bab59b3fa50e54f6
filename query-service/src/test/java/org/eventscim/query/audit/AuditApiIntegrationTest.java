package org.eventscim.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.credential.CredentialEvents;
import org.eventscim.events.credential.TokenIssued;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.support.QueryServiceStack;
import org.eventscim.query.support.QueryServiceStack.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit API of the query-service on a real Kafka broker and a real Elasticsearch: events published as
 * the command-service publishes them, reads as the gateway forwards them, and a stand-in command-service
 * that takes the {@code AuditDataRead} events every read records.
 */
class AuditApiIntegrationTest {

    private static final String BASE_URL = QueryServiceStack.BASE_URL;
    private static final ObjectMapper JSON = QueryServiceStack.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicLong TRANSACTIONS = new AtomicLong(1000);
    private static final List<JsonNode> RECORDED = new CopyOnWriteArrayList<>();
    /** What the stand-in command-service answers; 500 makes recording fail. */
    private static final AtomicInteger RECORDING_STATUS = new AtomicInteger(200);

    @TempDir
    static Path dataDirectory;

    private static QueryServiceStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = QueryServiceStack.startWithCommandService(dataDirectory, "/internal/credential-events",
                AuditApiIntegrationTest::recordCredentialEvents,
                // Small pages, so that histories and exports are read in several; a page of events searched
                // (count + 1) must fit in the window too, so these tests ask for at most 2.
                "--scim.elasticsearch.audit.max-result-window=3",
                // No background refresh: every search sees applied events only through the service's own refreshes.
                "--scim.elasticsearch.audit.refresh-interval=-1");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aUsersHistoryIsEveryEventOldestFirstWithWhoFromWhereAndWhatChanged() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publishUserLife(tenant, id);

        Response history = get(tenant, "/audit/v1/Users/" + id + "/history", Scopes.AUDIT_READ);

        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body().path("Resources");
        assertThat(history.body().path("totalResults").asInt()).isEqualTo(4);
        assertThat(events).extracting(event -> event.path("eventType").asText())
                .containsExactly("UserCreated", "UserChanged", "UserChanged", "UserDeleted");
        assertThat(events).extracting(event -> event.path("version").asLong()).containsExactly(1L, 2L, 3L, 4L);
        JsonNode firstPatch = events.get(1);
        assertThat(firstPatch.path("actor").path("id").asText()).isEqualTo("token-entra");
        assertThat(firstPatch.path("actor").path("name").asText()).isEqualTo("entra");
        assertThat(firstPatch.path("sourceIp").asText()).isEqualTo("10.1.2.3");
        assertThat(firstPatch.path("requestId").asText()).isEqualTo("req-2");
        assertThat(firstPatch.path("timestamp").asText()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(firstPatch.path("changes")).hasSize(1);
        assertThat(firstPatch.path("changes").get(0).path("attribute").asText()).isEqualTo("title");
        assertThat(firstPatch.path("changes").get(0).path("before").asText()).isEqualTo("Engineer");
        assertThat(firstPatch.path("changes").get(0).path("after").asText()).isEqualTo("Lead");
        assertThat(events.get(0).path("changes").findValuesAsText("attribute")).contains("userName", "title");
        assertThat(events.get(0).path("changes").get(0).has("before")).isFalse();

        JsonNode recorded = RECORDED.stream().filter(event -> event.path("tenantId").asText().equals(tenant)).findFirst()
                .orElseThrow();
        assertThat(recorded.path("type").asText()).isEqualTo("AuditDataRead");
        assertThat(recorded.path("actorId").asText()).isEqualTo("token-auditor");
        assertThat(recorded.path("payload").path("what").asText()).isEqualTo("history");
        assertThat(recorded.path("payload").path("query").asText()).contains(id);

        assertThat(get(tenant(), "/audit/v1/Users/" + id + "/history", Scopes.AUDIT_READ).status()).isEqualTo(404);
        assertThat(get(tenant, "/audit/v1/Users/" + id + "/history", Scopes.SCIM_READ).status()).isEqualTo(403);
        assertThat(get(tenant, "/audit/v1/Widgets/" + id + "/history", Scopes.AUDIT_READ).status()).isEqualTo(404);
    }

    @Test
    void aUserAsOfAnInstantIsRenderedAsItWasThen() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publishUserLife(tenant, id);

        Response between = get(tenant, "/audit/v1/Users/" + id + "?asOf=" + T0.plusSeconds(90), Scopes.AUDIT_READ);
        assertThat(between.status()).isEqualTo(200);
        assertThat(between.header("Content-Type")).startsWith("application/scim+json");
        assertThat(between.header("ETag")).isEqualTo("W/\"2\"");
        JsonNode user = between.body();
        assertThat(user.path("schemas").get(0).asText()).isEqualTo(ScimSchemas.USER);
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("userName").asText()).isEqualTo(id + "@corp.test");
        assertThat(user.path("title").asText()).isEqualTo("Lead");
        assertThat(user.path("meta").path("location").asText()).isEqualTo(BASE_URL + "/Users/" + id);
        assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(Instant.parse(user.path("meta").path("lastModified").asText())).isEqualTo(T0.plusSeconds(60));

        assertThat(get(tenant, "/audit/v1/Users/" + id + "?asOf=" + T0.plusSeconds(120), Scopes.AUDIT_READ)
                .body().path("title").asText()).isEqualTo("Director");
        Response before = get(tenant, "/audit/v1/Users/" + id + "?asOf=" + T0.minusSeconds(1), Scopes.AUDIT_READ);
        assertThat(before.status()).isEqualTo(404);
        Response deleted = get(tenant, "/audit/v1/Users/" + id + "?asOf=" + T0.plusSeconds(600), Scopes.AUDIT_READ);
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.body().path("detail").asText()).contains(T0.plusSeconds(180).toString());
        assertThat(get(tenant, "/audit/v1/Users/" + id + "?asOf=yesterday", Scopes.AUDIT_READ).status()).isEqualTo(400);
        assertThat(get(tenant(), "/audit/v1/Users/" + id + "?asOf=" + T0.plusSeconds(90), Scopes.AUDIT_READ).status())
                .isEqualTo(404);
    }

    @Test
    void aGroupAndAUsersGroupsAsOfAnInstantFollowTheMembershipEvents() throws Exception {
        String tenant = tenant();
        String alice = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        publish(user(tenant, alice, 1, "UserCreated", T0, new UserCreated(alice, tenant, attributes(alice))));
        publish(user(tenant, bob, 1, "UserCreated", T0, new UserCreated(bob, tenant, attributes(bob))));
        publish(event(tenant, "Group", group, 1, "GroupCreated", T0.plusSeconds(10),
                new GroupCreated(group, tenant, JSON.createObjectNode().put("displayName", "Ops"))));
        publish(event(tenant, "Group", group, 2, "GroupMembersAdded", T0.plusSeconds(20),
                new GroupMembersAdded(group, List.of(new GroupMember(alice, "User"), new GroupMember(bob, "User")))));
        publish(event(tenant, "Group", group, 3, "GroupMembersRemoved", T0.plusSeconds(30),
                new GroupMembersRemoved(group, List.of(new GroupMember(bob, "User")))));
        awaitHistory(tenant, "Groups", group, 3);

        JsonNode both = get(tenant, "/audit/v1/Groups/" + group + "?asOf=" + T0.plusSeconds(25), Scopes.AUDIT_READ).body();
        assertThat(both.path("displayName").asText()).isEqualTo("Ops");
        assertThat(both.path("members").findValuesAsText("value")).containsExactlyInAnyOrder(alice, bob);
        JsonNode one = get(tenant, "/audit/v1/Groups/" + group + "?asOf=" + T0.plusSeconds(35), Scopes.AUDIT_READ).body();
        assertThat(one.path("members").findValuesAsText("value")).containsExactly(alice);

        JsonNode bobThen = get(tenant, "/audit/v1/Users/" + bob + "?asOf=" + T0.plusSeconds(25), Scopes.AUDIT_READ).body();
        assertThat(bobThen.path("groups").findValuesAsText("value")).containsExactly(group);
        JsonNode bobLater = get(tenant, "/audit/v1/Users/" + bob + "?asOf=" + T0.plusSeconds(35), Scopes.AUDIT_READ).body();
        assertThat(bobLater.has("groups")).isFalse();

        JsonNode history = get(tenant, "/audit/v1/Groups/" + group + "/history", Scopes.AUDIT_READ).body();
        assertThat(history.path("Resources").get(1).path("membersAdded").findValuesAsText("value"))
                .containsExactlyInAnyOrder(alice, bob);
        assertThat(history.path("Resources").get(2).path("membersRemoved").findValuesAsText("value")).containsExactly(bob);
    }

    @Test
    void eventsAreSearchedNewestFirstAndPagedByCursorWithinTheTenant() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publishUserLife(tenant, id);
        publish(event(tenant, CredentialEvents.RESOURCE_TYPE, CredentialEvents.streamId(tenant), 1, "TokenIssued",
                T0.plusSeconds(240), new TokenIssued("t-1", "okta", List.of("scim:read"))));
        awaitEvents(tenant, "resourceType=Credentials", 1);

        List<String> versions = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Response page = get(tenant, "/audit/v1/events?actorId=token-entra&eventType=UserChanged&count=1&cursor="
                    + encode(cursor), Scopes.AUDIT_READ);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            assertThat(page.body().path("totalResults").asInt()).isEqualTo(2);
            page.body().path("Resources").forEach(event -> versions.add(event.path("version").asText()));
            cursor = page.body().path("nextCursor").asText(null);
            pages++;
        } while (cursor != null);
        assertThat(versions).containsExactly("3", "2");
        assertThat(pages).isEqualTo(2);

        List<JsonNode> all = new ArrayList<>();
        cursor = "";
        do {
            JsonNode page = get(tenant, "/audit/v1/events?count=2&cursor=" + encode(cursor), Scopes.AUDIT_READ).body();
            page.path("Resources").forEach(all::add);
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        assertThat(all).extracting(event -> event.path("eventType").asText())
                .containsExactly("TokenIssued", "UserDeleted", "UserChanged", "UserChanged", "UserCreated");
        assertThat(all.getFirst().path("payload").path("name").asText()).isEqualTo("okta");
        JsonNode window = get(tenant, "/audit/v1/events?count=2&from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(180),
                Scopes.AUDIT_READ).body();
        assertThat(window.path("totalResults").asInt()).isEqualTo(2);

        String firstCursor = get(tenant, "/audit/v1/events?count=1&cursor=", Scopes.AUDIT_READ).body().path("nextCursor").asText();
        assertThat(get(tenant(), "/audit/v1/events?count=1&cursor=" + encode(firstCursor), Scopes.AUDIT_READ).status())
                .isEqualTo(400);
        assertThat(get(tenant, "/audit/v1/events?eventType=UserDeleted&count=1&cursor=" + encode(firstCursor),
                Scopes.AUDIT_READ).body().path("scimType").asText()).isEqualTo("invalidCursor");
        assertThat(get(tenant(), "/audit/v1/events?count=2", Scopes.AUDIT_READ).body().path("totalResults").asInt()).isZero();
        assertThat(get(tenant, "/audit/v1/events?from=soon", Scopes.AUDIT_READ).status()).isEqualTo(400);
    }

    @Test
    void anExportStreamsEveryEventInPositionOrderAndResumesAfterAPosition() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        publishUserLife(tenant, id);

        HttpResponse<String> jsonl = raw(tenant, "/audit/v1/export?format=jsonl", Scopes.AUDIT_READ);
        assertThat(jsonl.statusCode()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(line -> line.path("version").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(lines).allSatisfy(line -> assertThat(line.path("position").asText()).matches("\\d+:\\d+"));

        String second = lines.get(1).path("position").asText();
        HttpResponse<String> resumed = raw(tenant, "/audit/v1/export?after=" + second, Scopes.AUDIT_READ);
        assertThat(resumed.body().split("\n")).hasSize(2);
        assertThat(JSON.readTree(resumed.body().split("\n")[0]).path("version").asInt()).isEqualTo(3);

        HttpResponse<String> csv = raw(tenant, "/audit/v1/export?format=csv&after=" + second, Scopes.AUDIT_READ);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("position,eventId,timestamp,resourceType,resourceId,version,eventType");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).contains(",UserChanged,token-entra,entra,10.1.2.3,").contains("\"\"before\"\":\"\"Lead\"\"");
        assertThat(rows[2]).contains(",UserDeleted,");

        assertThat(raw(tenant(), "/audit/v1/export", Scopes.AUDIT_READ).body()).isEmpty();
        assertThat(raw(tenant, "/audit/v1/export?after=nowhere", Scopes.AUDIT_READ).statusCode()).isEqualTo(400);
        assertThat(raw(tenant, "/audit/v1/export?format=xml", Scopes.AUDIT_READ).statusCode()).isEqualTo(400);
        assertThat(RECORDED).anySatisfy(event -> {
            assertThat(event.path("tenantId").asText()).isEqualTo(tenant);
            assertThat(event.path("payload").path("what").asText()).isEqualTo("export");
            assertThat(event.path("payload").path("query").asText()).contains("format=csv").contains("after=" + second);
        });
    }

    @Test
    void aReadThatCannotBeRecordedIsRefused() throws Exception {
        String tenant = tenant();
        RECORDING_STATUS.set(500);
        try {
            Response refused = get(tenant, "/audit/v1/events", Scopes.AUDIT_READ);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(raw(tenant, "/audit/v1/export", Scopes.AUDIT_READ).statusCode()).isEqualTo(503);
        } finally {
            RECORDING_STATUS.set(200);
        }
    }

    // --- events ---

    /** Created at T0, title changed at T0+60s and T0+120s, deleted at T0+180s. */
    /** The stand-in command-service's {@code POST /internal/credential-events}: records what it is sent. */
    private static void recordCredentialEvents(HttpExchange exchange) throws IOException {
        QueryServiceStack.verify(exchange.getRequestHeaders().getFirst(Caller.HEADER));
        JsonNode events = JSON.readTree(exchange.getRequestBody());
        int status = RECORDING_STATUS.get();
        if (status == 200) {
            events.forEach(RECORDED::add);
        }
        byte[] answer = "{\"appended\":1}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static void publishUserLife(String tenant, String id) throws Exception {
        publish(user(tenant, id, 1, "UserCreated", T0, new UserCreated(id, tenant, attributes(id))));
        publish(user(tenant, id, 2, "UserChanged", T0.plusSeconds(60), new UserChanged(id,
                List.of(new AttributeChange("title", TextNode.valueOf("Engineer"), TextNode.valueOf("Lead"))))));
        publish(user(tenant, id, 3, "UserChanged", T0.plusSeconds(120), new UserChanged(id,
                List.of(new AttributeChange("title", TextNode.valueOf("Lead"), TextNode.valueOf("Director"))))));
        publish(user(tenant, id, 4, "UserDeleted", T0.plusSeconds(180), new UserDeleted(id)));
        awaitHistory(tenant, "Users", id, 4);
    }

    private static ObjectNode attributes(String id) {
        return JSON.createObjectNode().put("userName", id + "@corp.test").put("title", "Engineer");
    }

    private static EventEnvelope user(String tenant, String id, long version, String type, Instant at, Object payload) {
        return event(tenant, "User", id, version, type, at, payload);
    }

    private static EventEnvelope event(String tenant, String resourceType, String id, long version, String type, Instant at,
                                       Object payload) {
        long transaction = TRANSACTIONS.incrementAndGet();
        return new EventEnvelope(UUID.randomUUID().toString(), type, resourceType, id, version,
                new StreamPosition(transaction, transaction), at,
                new EventMetadata(tenant, "token-entra", "entra", "10.1.2.3", "Entra/1.0", "req-" + version, null),
                JSON.valueToTree(payload));
    }

    private static void publish(EventEnvelope event) throws Exception {
        stack.publish(event);
    }

    private static void awaitHistory(String tenant, String resources, String id, int events) throws Exception {
        awaitUntil(() -> get(tenant, "/audit/v1/" + resources + "/" + id + "/history", Scopes.AUDIT_READ)
                .body().path("totalResults").asInt() == events);
    }

    private static void awaitEvents(String tenant, String query, int events) throws Exception {
        awaitUntil(() -> get(tenant, "/audit/v1/events?count=2&" + query, Scopes.AUDIT_READ)
                .body().path("totalResults").asInt() == events);
    }

    private static void awaitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("the audit trail caught up").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    // --- HTTP, as the gateway forwards it ---

    private static Response get(String tenant, String path, String... scopes) throws Exception {
        return stack.send(request(tenant, path, scopes));
    }

    private static HttpResponse<String> raw(String tenant, String path, String... scopes) throws Exception {
        return HTTP.send(request(tenant, path, scopes), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String tenant, String path, String... scopes) {
        Caller caller = new Caller(tenant, "token-auditor", "auditor", Set.copyOf(Arrays.asList(scopes)),
                "192.0.2.9", "junit", UUID.randomUUID().toString(), BASE_URL);
        return stack.request(caller, path).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
