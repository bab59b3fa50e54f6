package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit API (issue #7) through the gateway, as an auditor uses it: a user's whole life is in its
 * history with who, from where and what changed; it can be read as it was at any instant; the tenant's
 * events are searched, exported and replayed from the event store; another tenant sees none of it; and every
 * read of the trail is itself recorded.
 */
class AuditApiSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATCH = """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
             "Operations":[{"op":"replace","path":"title","value":"%s"}]}""";

    @Test
    void aUsersLifeIsAttributableReadableAtAnyInstantSearchableAndExportedWithinItsTenantOnly() throws Exception {
        Tenant tenant = Tenant.create("audit-api");
        ScimClient scim = TestStacks.client().withToken(tenant.token);
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"ada@%s.test","title":"Engineer"}"""
                .formatted(tenant.id));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(scim.patch("/Users/" + id, PATCH.formatted("Lead"), "X-Request-Id", "req-patch-1").status()).isEqualTo(200);
        Instant betweenPatches = pause();
        assertThat(scim.patch("/Users/" + id, PATCH.formatted("Director"), "X-Request-Id", "req-patch-2").status()).isEqualTo(200);
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
        Instant afterDeletion = pause();
        ScimClient audit = tenant.audit();

        // The history, at once: every event oldest first, attributable, with the patched field's before and after.
        ScimClient.Response history = audit.get("/Users/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.body().path("Resources");
        assertThat(events).extracting(event -> event.path("eventType").asText())
                .containsExactly("UserCreated", "UserChanged", "UserChanged", "UserDeleted");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("actor").path("id").asText()).isEqualTo(tenant.tokenId);
            assertThat(event.path("actor").path("name").asText()).isEqualTo("auditor");
            assertThat(event.path("sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(event.path("requestId").asText()).isNotBlank();
            assertThat(event.path("timestamp").asText()).isNotBlank();
        });
        assertThat(events.get(1).path("requestId").asText()).isEqualTo("req-patch-1");
        assertThat(events.get(1).path("changes").get(0).path("attribute").asText()).isEqualTo("title");
        assertThat(events.get(1).path("changes").get(0).path("before").asText()).isEqualTo("Engineer");
        assertThat(events.get(1).path("changes").get(0).path("after").asText()).isEqualTo("Lead");
        assertThat(events.get(2).path("changes").get(0).path("after").asText()).isEqualTo("Director");

        // Point in time: between the patches the intermediate state, rendered as GET /Users/{id} renders it.
        ScimClient.Response then = audit.get("/Users/" + id + "?asOf=" + betweenPatches);
        assertThat(then.status()).isEqualTo(200);
        assertThat(then.body().path("title").asText()).isEqualTo("Lead");
        assertThat(then.body().path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(then.body().path("meta").path("location").asText()).endsWith("/scim/v2/Users/" + id);
        ScimClient.Response gone = audit.get("/Users/" + id + "?asOf=" + afterDeletion);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("detail").asText()).contains(events.get(3).path("timestamp").asText());

        // Search by actor and type, newest first, two pages by cursor.
        List<String> titles = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = audit.get("/events?actorId=" + tenant.tokenId + "&eventType=UserChanged&count=1&cursor="
                    + ScimClient.encode(cursor)).body();
            page.path("Resources").forEach(event -> titles.add(event.path("changes").get(0).path("after").asText()));
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        assertThat(titles).containsExactly("Director", "Lead");

        // Export, JSON Lines and CSV, resumed after a position.
        List<JsonNode> lines = jsonLines(audit.get("/export?format=jsonl"));
        List<JsonNode> userLines = lines.stream().filter(line -> line.path("resourceId").asText().equals(id)).toList();
        assertThat(userLines).extracting(line -> line.path("version").asInt()).containsExactly(1, 2, 3, 4);
        int resumeAt = lines.indexOf(userLines.get(1));
        List<JsonNode> resumed = jsonLines(audit.get("/export?format=jsonl&after=" + lines.get(resumeAt).path("position").asText()));
        assertThat(resumed.subList(0, lines.size() - resumeAt - 1)).isEqualTo(lines.subList(resumeAt + 1, lines.size()));
        ScimClient.Response csv = audit.get("/export?format=csv&after=" + userLines.get(1).path("position").asText());
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> rows = Arrays.stream(csv.raw().body().split("\r\n")).filter(row -> row.contains(",User," + id + ",")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains(",UserChanged,").contains("Director");
        assertThat(rows.get(1)).contains(",UserDeleted,");

        // Replay from the event store alone, by the command line: the tenant as it was between the patches,
        // and after the deletion without the user.
        Path replayed = Files.createTempFile("replay", ".jsonl");
        assertThat(replay(tenant.token, betweenPatches, replayed)).contains("written to");
        List<JsonNode> resources = new ArrayList<>();
        for (String line : Files.readAllLines(replayed)) {
            resources.add(JSON.readTree(line));
        }
        JsonNode past = resources.stream().filter(resource -> resource.path("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(past.path("title").asText()).isEqualTo("Lead");
        assertThat(past.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(replay(tenant.token, afterDeletion, replayed)).contains("0 resources");
        Files.delete(replayed);

        // Another tenant sees none of it; a token without audit:read is refused.
        ScimClient stranger = Tenant.create("audit-other").audit();
        assertThat(stranger.get("/Users/" + id + "/history").status()).isEqualTo(404);
        assertThat(stranger.get("/Users/" + id + "?asOf=" + betweenPatches).status()).isEqualTo(404);
        assertThat(stranger.get("/events?resourceId=" + id).body().path("totalResults").asInt()).isZero();
        // Its own trail holds its reads (which name the id it asked for), never the user's events.
        assertThat(jsonLines(stranger.get("/export"))).noneMatch(line -> line.path("resourceId").asText().equals(id));
        ScimClient writerOnly = tenant.audit().withToken(Tenant.token(tenant.id, "\"scim:read\",\"scim:write\"", "writer").secret);
        assertThat(writerOnly.get("/Users/" + id + "/history").status()).isEqualTo(403);
        assertThat(writerOnly.get("/export").status()).isEqualTo(403);

        // The reads are recorded: stored as events of the tenant, and found in its own trail.
        String stream = "credentials:" + tenant.id;
        assertThat(awaitStored(stream, "AuditDataRead", 8)).isGreaterThanOrEqualTo(8);
        assertThat(StoredEvents.payloads(stream)).anySatisfy(payload ->
                assertThat(payload).contains("\"what\":\"export\"").contains("format=csv"));
        JsonNode recorded = awaitRecordedExport(audit);
        assertThat(recorded.path("actor").path("id").asText()).isEqualTo(tenant.tokenId);
        assertThat(recorded.path("resourceType").asText()).isEqualTo("Credentials");
    }

    private static List<JsonNode> jsonLines(ScimClient.Response export) throws Exception {
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.raw().body().split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** {@code ./scim audit replay} against the stack's gateway; its output. */
    private static String replay(String token, Instant asOf, Path out) throws Exception {
        Path root = Path.of(System.getProperty("scim.repository-root", ".."));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("scim").toString(), "audit", "replay",
                "--as-of", asOf.toString(), "--out", out.toString());
        builder.environment().put("SCIM_PORT", TestStacks.shared().scimBaseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
        builder.environment().put("SCIM_TOKEN", token);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    /** An instant strictly between what came before and what comes after, on any clock granularity. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }

    private static long awaitStored(String stream, String type, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long stored;
        do {
            stored = StoredEvents.types(stream).stream().filter(type::equals).count();
            if (stored >= count) {
                return stored;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return stored;
    }

    private static JsonNode awaitRecordedExport(ScimClient audit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            for (JsonNode event : audit.get("/events?eventType=AuditDataRead&count=100").body().path("Resources")) {
                if (event.path("payload").path("what").asText().equals("export")) {
                    return event;
                }
            }
            assertThat(System.nanoTime()).as("the recorded export in the trail").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A tenant of its own, with a token that may write and read the audit trail. */
    private record Tenant(String id, String token, String tokenId) {

        static Tenant create(String purpose) {
            String id = purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(admin().post("/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerMinute\":10000}").status()).isEqualTo(201);
            Issued issued = token(id, "\"scim:read\",\"scim:write\",\"audit:read\"", "auditor");
            return new Tenant(id, issued.secret, issued.id);
        }

        ScimClient audit() {
            return new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/audit/v1"), token);
        }

        static Issued token(String tenant, String scopes, String name) {
            ScimClient.Response issued = admin().post("/tenants/" + tenant + "/tokens",
                    "{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "]}");
            assertThat(issued.status()).isEqualTo(201);
            return new Issued(issued.body().path("id").asText(), issued.body().path("secret").asText());
        }

        private static ScimClient admin() {
            return new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
        }
    }

    private record Issued(String id, String secret) {
    }
}
