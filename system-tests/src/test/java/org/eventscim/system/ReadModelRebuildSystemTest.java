package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding the read models (issue #5, "Projections") as an operator does it, with {@code ./scim read-models
 * rebuild}, on a tenant with users, groups, memberships, patches and deletions, while an IdP keeps reading and
 * writing: no read fails or comes back incomplete at any moment, every resource reads the same afterwards (by id,
 * by filter, its members, its groups), the writes made meanwhile are all there, and the aliases point to the new
 * indexes, the old ones kept.
 */
class ReadModelRebuildSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int USERS = 30;
    private static final int GROUPS = 3;

    @Test
    void theReadModelsAreRebuiltFromTheEventStoreAndSwappedInWhileReadsAndWritesGoOn() throws Exception {
        String tenant = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin().post("/tenants", "{\"id\":\"" + tenant + "\",\"rateLimitPerMinute\":100000}").status())
                .isEqualTo(201);
        ScimClient scim = TestStacks.client().withToken(token(tenant, "\"scim:read\",\"scim:write\",\"admin\""));

        // Users, patched; groups with members, one member removed again; a deleted user and a deleted group.
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(created(scim.post("/Users", """
                    {"schemas":["%s"],"userName":"seed-%02d@%s.test","title":"Engineer",
                     "emails":[{"value":"seed-%02d@%s.test","type":"work","primary":true}]}"""
                    .formatted(USER, i, tenant, i, tenant))));
        }
        for (int i = 0; i < USERS; i += 2) {
            assertThat(scim.patch("/Users/" + users.get(i), replaceTitle("Lead " + i)).status()).isEqualTo(200);
        }
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            String group = created(scim.post("/Groups", """
                    {"schemas":["%s"],"displayName":"Seed group %d"}""".formatted(GROUP, g)));
            groups.add(group);
            List<String> members = users.subList(g * 8, g * 8 + 10);
            assertThat(scim.patch("/Groups/" + group, addMembers(members)).status()).isEqualTo(204);
            assertThat(scim.patch("/Groups/" + group, """
                    {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"%s\\"]"}]}"""
                    .formatted(PATCH_OP, members.getFirst())).status()).isEqualTo(204);
        }
        assertThat(scim.delete("/Users/" + users.remove(USERS - 1)).status()).isEqualTo(204);
        String deletedGroup = created(scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Deleted group","members":[{"value":"%s"}]}"""
                .formatted(GROUP, users.get(3))));
        assertThat(scim.delete("/Groups/" + deletedGroup).status()).isEqualTo(204);

        Map<String, JsonNode> before = snapshot(scim, users, groups);
        List<String> seedIds = ids(scim, "userName sw \"seed-\"");
        assertThat(seedIds).hasSize(USERS - 1);
        List<String> leads = ids(scim, "title sw \"Lead\"");
        assertThat(leads).hasSize(USERS / 2);

        // An IdP's reader checks every answer against the state before; its writer adds and patches users of a group.
        AtomicBoolean going = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicLong reads = new AtomicLong();
        Thread reader = Thread.ofPlatform().name("rebuild-reader").start(() -> {
            int turn = 0;
            while (going.get()) {
                String id = turn % 2 == 0 ? users.get(turn % users.size()) : groups.get(turn % groups.size());
                String path = (turn % 2 == 0 ? "/Users/" : "/Groups/") + id;
                ScimClient.Response read = scim.get(path);
                if (read.status() != 200 || !normalized(read.body()).equals(before.get(id))) {
                    failures.add("GET " + path + ": " + read.status() + " " + read.body());
                }
                List<String> found = ids(scim, turn % 3 == 0 ? "title sw \"Lead\"" : "userName sw \"seed-\"");
                if (!found.equals(turn % 3 == 0 ? leads : seedIds)) {
                    failures.add("filter at read " + turn + " found " + found.size() + " users");
                }
                reads.addAndGet(2);
                turn++;
            }
        });
        String liveGroup = created(scim.post("/Groups", """
                {"schemas":["%s"],"displayName":"Live group"}""".formatted(GROUP)));
        Map<String, String> written = new ConcurrentHashMap<>();
        Thread writer = Thread.ofPlatform().name("rebuild-writer").start(() -> {
            for (int i = 0; going.get(); i++) {
                ScimClient.Response user = scim.post("/Users", """
                        {"schemas":["%s"],"userName":"live-%d@%s.test"}""".formatted(USER, i, tenant));
                String id = user.body().path("id").asText();
                int patched = scim.patch("/Users/" + id, replaceTitle("Live " + i)).status();
                int joined = scim.patch("/Groups/" + liveGroup, addMembers(List.of(id))).status();
                if (user.status() != 201 || patched != 200 || joined != 204) {
                    failures.add("write " + i + ": " + user.status() + " " + patched + " " + joined);
                    return;
                }
                written.put(id, "Live " + i);
            }
        });

        Thread.sleep(500);
        JsonNode rebuilt = rebuild();
        Thread.sleep(500);
        going.set(false);
        reader.join();
        writer.join();

        assertThat(failures).as("reads and writes that failed, or reads that differed, during the rebuild").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(rebuilt.path("phase").asText()).isEqualTo("SUCCEEDED");
        assertThat(rebuilt.path("previousDeleted").asBoolean()).isFalse();

        // Identical afterwards: by id, by filter, members and groups (both in the snapshot's bodies).
        assertThat(snapshot(scim, users, groups)).isEqualTo(before);
        assertThat(ids(scim, "userName sw \"seed-\"")).isEqualTo(seedIds);
        assertThat(ids(scim, "title sw \"Lead\"")).isEqualTo(leads);
        assertThat(scim.get("/Users/" + users.get(3)).body().path("groups")).extracting(group -> group.path("value").asText())
                .doesNotContain(deletedGroup);
        assertThat(scim.get("/Groups/" + deletedGroup).status()).isEqualTo(404);

        // Every write made during the rebuild is there.
        assertThat(written).hasSizeGreaterThan(2);
        written.forEach((id, title) -> assertThat(scim.get("/Users/" + id).body().path("title").asText()).isEqualTo(title));
        assertThat(memberIds(scim.get("/Groups/" + liveGroup).body())).containsAll(written.keySet());
        assertThat(ids(scim, "userName sw \"live-\"")).containsExactlyInAnyOrderElementsOf(written.keySet());

        // The aliases point to the new indexes; the previous ones are kept.
        JsonNode indexes = rebuilt.path("indexes");
        JsonNode previous = rebuilt.path("previous");
        assertThat(aliasTargets("scim-users")).containsExactly(indexes.path("users").asText());
        assertThat(aliasTargets("scim-groups")).containsExactly(indexes.path("groups").asText());
        assertThat(aliasTargets("scim-memberships")).containsExactly(indexes.path("memberships").asText());
        assertThat(indexes.path("users").asText()).startsWith("scim-users-v2-r");
        assertThat(elasticsearch("/" + previous.path("users").asText()).statusCode()).isEqualTo(200);

        // Only the operator rebuilds: a tenant's admin token is refused.
        ScimClient tenantAdmin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"),
                token(tenant, "\"admin\""));
        assertThat(tenantAdmin.post("/read-models/rebuild", "").status()).isEqualTo(403);
    }

    /** {@code ./scim read-models rebuild} against the stack's gateway, with the operator's token; its final status. */
    private static JsonNode rebuild() throws Exception {
        Path root = Path.of(System.getProperty("scim.repository-root", ".."));
        ProcessBuilder builder = new ProcessBuilder(root.resolve("scim").toString(), "read-models", "rebuild");
        builder.environment().put("SCIM_PORT", TestStacks.shared().scimBaseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
        builder.environment().put("SCIM_TOKEN", TestStacks.TOKEN);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCEEDED");
        return JSON.readTree(output.lines().filter(line -> line.startsWith("{")).reduce((first, last) -> last).orElseThrow());
    }

    /** Every resource as GET answers it, members and groups in a fixed order (their order is not specified). */
    private static Map<String, JsonNode> snapshot(ScimClient scim, List<String> users, List<String> groups) {
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        for (String id : users) {
            ScimClient.Response read = scim.get("/Users/" + id);
            assertThat(read.status()).isEqualTo(200);
            bodies.put(id, normalized(read.body()));
        }
        for (String id : groups) {
            ScimClient.Response read = scim.get("/Groups/" + id);
            assertThat(read.status()).isEqualTo(200);
            bodies.put(id, normalized(read.body()));
        }
        return bodies;
    }

    private static JsonNode normalized(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        for (String multi : List.of("members", "groups")) {
            if (copy.has(multi)) {
                List<JsonNode> values = new ArrayList<>();
                copy.path(multi).forEach(values::add);
                values.sort(Comparator.comparing(value -> value.path("value").asText()));
                ArrayNode sorted = copy.putArray(multi);
                values.forEach(sorted::add);
            }
        }
        return copy;
    }

    /** The ids a filter finds, in the order listed; the total must match what the page holds. */
    private static List<String> ids(ScimClient scim, String filter) {
        ScimClient.Response page = scim.get("/Users?count=1000&filter=" + ScimClient.encode(filter));
        if (page.status() != 200) {
            return List.of("HTTP " + page.status());
        }
        List<String> ids = StreamSupport.stream(page.body().path("Resources").spliterator(), false)
                .map(resource -> resource.path("id").asText()).toList();
        return page.body().path("totalResults").asInt() == ids.size() ? ids : List.of("incomplete page");
    }

    private static Set<String> memberIds(JsonNode group) {
        Set<String> ids = new TreeSet<>();
        group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    private static String created(ScimClient.Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        return response.body().path("id").asText();
    }

    private static String replaceTitle(String title) {
        return """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"%s"}]}""".formatted(PATCH_OP, title);
    }

    private static String addMembers(List<String> ids) {
        String values = String.join(",", ids.stream().map(id -> "{\"value\":\"" + id + "\"}").toList());
        return """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[%s]}]}""".formatted(PATCH_OP, values);
    }

    private static List<String> aliasTargets(String alias) throws Exception {
        HttpResponse<String> response = elasticsearch("/_alias/" + alias);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> indexes = new ArrayList<>();
        JSON.readTree(response.body()).fieldNames().forEachRemaining(indexes::add);
        return indexes;
    }

    private static HttpResponse<String> elasticsearch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestStacks.shared().infrastructure().elasticsearchUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String tenant, String scopes) {
        ScimClient.Response issued = admin().post("/tenants/" + tenant + "/tokens",
                "{\"name\":\"rebuild\",\"scopes\":[" + scopes + "]}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.body().path("secret").asText();
    }

    private static ScimClient admin() {
        return new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
    }
}
