package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No tenant sees or changes another's data, whatever the endpoint (DESIGN decision 9): every read,
 * write, filter and membership reference with tenant B's token on tenant A's resources answers as if
 * they did not exist, and leaves them unchanged.
 */
class TenantIsolationSystemTest {

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimClient tenantA;
    private ScimClient tenantB;
    private String userName;
    private String user;
    private String group;

    @BeforeEach
    void twoTenants() {
        ScimClient admin = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
        tenantA = TestStacks.client();
        tenantB = TestStacks.client().withToken(tenantWithToken(admin));
        userName = "isolated-" + UUID.randomUUID() + "@example.com";
        user = tenantA.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","externalId":"ext-%s"}"""
                .formatted(userName, userName)).body().path("id").asText();
        group = tenantA.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Isolated %s","members":[{"value":"%s"}]}"""
                .formatted(userName, user)).body().path("id").asText();
    }

    @Test
    void anotherTenantsResourcesDoNotExistForReads() {
        assertThat(tenantB.get("/Users/" + user).status()).isEqualTo(404);
        assertThat(tenantB.get("/Groups/" + group).status()).isEqualTo(404);
        for (String filter : new String[] {"userName eq \"" + userName + "\"", "externalId eq \"ext-" + userName + "\"",
                "id eq \"" + user + "\"", "userName pr", "groups eq \"" + group + "\""}) {
            assertThat(total(tenantB.filter("Users", filter))).as(filter).isZero();
        }
        for (String filter : new String[] {"displayName eq \"Isolated " + userName + "\"", "members eq \"" + user + "\"",
                "id eq \"" + group + "\" and members[value eq \"" + user + "\"]"}) {
            assertThat(total(tenantB.filter("Groups", filter))).as(filter).isZero();
        }
        assertThat(total(tenantB.post("/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"%s\\""}"""
                .formatted(userName)))).isZero();
        JsonNode all = tenantB.get("/Users?count=1000").body();
        all.path("Resources").forEach(resource -> assertThat(resource.path("id").asText()).isNotEqualTo(user));
    }

    @Test
    void anotherTenantsResourcesCannotBeChangedOrReferenced() throws Exception {
        long events = StoredEvents.count();

        assertThat(tenantB.put("/Users/" + user, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"taken-over@example.com"}""").status())
                .isEqualTo(404);
        assertThat(tenantB.patch("/Users/" + user, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"active","value":false}]}""".formatted(PATCH_OP)).status())
                .isEqualTo(404);
        assertThat(tenantB.delete("/Users/" + user).status()).isEqualTo(404);
        assertThat(tenantB.patch("/Groups/" + group, """
                {"schemas":["%s"],"Operations":[{"op":"remove","path":"members"}]}""".formatted(PATCH_OP)).status())
                .isEqualTo(404);
        assertThat(tenantB.delete("/Groups/" + group).status()).isEqualTo(404);
        ScimClient.Response foreignMember = tenantB.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Thief %s","members":[{"value":"%s"}]}"""
                .formatted(userName, user));
        assertThat(foreignMember.status()).isEqualTo(400);

        assertThat(StoredEvents.count()).isEqualTo(events);
        assertThat(tenantA.get("/Users/" + user).body().path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(tenantA.get("/Groups/" + group).body().path("members")).hasSize(1);
        // Names are unique per tenant, not across tenants.
        assertThat(tenantB.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s"}""".formatted(userName)).status())
                .isEqualTo(201);
    }

    /**
     * Every endpoint and method, by id, filter, .search, listing, cursor reuse, the tenant path and bulk, with
     * tenant B's token on tenant A's resources: each a 4xx or an empty result that names none of them.
     */
    @Test
    void theWholeMatrixLeaksNothingAndChangesNothing() throws Exception {
        String tenantAPath = "/default";
        String userBody = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x-" + userName + "\"}";
        String groupBody = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"x " + userName + "\"}";
        String patchBody = "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"stolen\"}]}";
        tenantA.post("/Users", userBody.replace("x-", "second-"));
        String cursorOfA = tenantA.get("/Users?cursor=&count=1").body().path("nextCursor").asText();
        long events = StoredEvents.count();
        List<String> refusedAttempts = new ArrayList<>();
        List<String> emptyAttempts = new ArrayList<>();
        Map<String, ScimClient.Response> answers = new LinkedHashMap<>();
        for (String base : new String[] {"", tenantAPath}) {
            for (String[] target : new String[][] {{"Users", user, userBody}, {"Groups", group, groupBody}}) {
                String path = base + "/" + target[0] + "/" + target[1];
                answers.put("GET " + path, tenantB.get(path));
                answers.put("GET " + path + "?attributes=id", tenantB.get(path + "?attributes=id"));
                answers.put("GET " + path + " If-None-Match", tenantB.get(path, "If-None-Match", "W/\"1\""));
                answers.put("PUT " + path, tenantB.put(path, target[2]));
                answers.put("PUT " + path + " If-Match", tenantB.put(path, target[2], "If-Match", "W/\"1\""));
                answers.put("PATCH " + path, tenantB.patch(path, patchBody));
                answers.put("DELETE " + path, tenantB.delete(path));
            }
        }
        answers.keySet().forEach(refusedAttempts::add);
        answers.put("GET /default/Users", tenantB.get(tenantAPath + "/Users"));
        answers.put("POST /default/Users", tenantB.post(tenantAPath + "/Users", userBody));
        answers.put("POST /default/Bulk", tenantB.post(tenantAPath + "/Bulk", "{}"));
        refusedAttempts.addAll(List.of("GET /default/Users", "POST /default/Users", "POST /default/Bulk"));
        assertThat(cursorOfA).isNotBlank();
        answers.put("GET cursor of A", tenantB.get("/Users?count=1&cursor=" + ScimClient.encode(cursorOfA)));
        refusedAttempts.add("GET cursor of A");
        for (String resourceType : new String[] {"Users", "Groups"}) {
            for (String query : new String[] {"?count=1000", "?count=1000&sortBy=meta.created&sortOrder=descending",
                    "?filter=" + ScimClient.encode("id eq \"" + user + "\" or id eq \"" + group + "\""),
                    "?filter=" + ScimClient.encode("meta.created gt \"2000-01-01T00:00:00Z\""),
                    "?filter=" + ScimClient.encode("not (id eq \"nothing\")")}) {
                answers.put("GET /" + resourceType + query, tenantB.get("/" + resourceType + query));
                emptyAttempts.add("GET /" + resourceType + query);
            }
            answers.put("POST /" + resourceType + "/.search", tenantB.post("/" + resourceType + "/.search",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"id eq \\\"" + user
                            + "\\\" or id eq \\\"" + group + "\\\"\"}"));
            emptyAttempts.add("POST /" + resourceType + "/.search");
        }
        ScimClient.Response bulk = tenantB.post("/Bulk", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[
                 {"method":"PUT","path":"/Users/%s","data":%s},
                 {"method":"PATCH","path":"/Users/%s","data":%s},
                 {"method":"DELETE","path":"/Users/%s"},
                 {"method":"PATCH","path":"/Groups/%s","data":%s},
                 {"method":"DELETE","path":"/Groups/%s"},
                 {"method":"POST","path":"/Groups","bulkId":"thief","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                  "displayName":"Bulk thief %s","members":[{"value":"%s"}]}}]}"""
                .formatted(user, userBody, user, patchBody, user, group, patchBody, group, userName, user));

        List<String> leaks = new ArrayList<>();
        for (String attempt : refusedAttempts) {
            ScimClient.Response answer = answers.get(attempt);
            if (answer.status() < 400 || answer.status() >= 500 || leaks(answer)) {
                leaks.add(attempt + " -> " + answer.status());
            }
        }
        for (String attempt : emptyAttempts) {
            ScimClient.Response answer = answers.get(attempt);
            if (answer.status() != 200 || leaks(answer)) {
                leaks.add(attempt + " -> " + answer.status());
            }
        }
        bulk.body().path("Operations").forEach(operation -> {
            if (!List.of("404", "400").contains(operation.path("status").asText())) {
                leaks.add("bulk " + operation.path("method").asText() + " -> " + operation.path("status").asText());
            }
        });
        int attempts = refusedAttempts.size() + emptyAttempts.size() + bulk.body().path("Operations").size();
        System.out.printf("Tenant isolation matrix: %d attempts, %d leaks%n", attempts, leaks.size());

        assertThat(leaks).isEmpty();
        assertThat(bulk.body().path("Operations")).hasSize(6);
        assertThat(attempts).isEqualTo(50);
        // Only tenant B's own events may have been added: its failed writes add none.
        assertThat(StoredEvents.count()).isEqualTo(events);
        JsonNode stillA = tenantA.get("/Users/" + user).body();
        assertThat(stillA.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(stillA.path("externalId").asText()).isEqualTo("ext-" + userName);
        assertThat(tenantA.get("/Groups/" + group).body().path("members")).hasSize(1);
    }

    /**
     * Whether an answer tells anything of tenant A's resources: a successful one must not name them, and no
     * answer may hold their data (an error may repeat the id the request named, which tells nothing).
     */
    private boolean leaks(ScimClient.Response answer) {
        String body = answer.body() == null ? "" : answer.body().toString();
        boolean namesThem = body.contains(user) || body.contains(group);
        return (answer.status() < 400 && namesThem) || body.contains("ext-" + userName) || body.contains("Isolated " + userName);
    }

    private static int total(ScimClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        return list.body().path("totalResults").asInt();
    }

    private static String tenantWithToken(ScimClient admin) {
        String tenant = "isolation-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(admin.post("/tenants", "{\"id\":\"" + tenant + "\",\"name\":\"Isolation\",\"rateLimitPerMinute\":10000}")
                .status()).isEqualTo(201);
        ScimClient.Response issued = admin.post("/tenants/" + tenant + "/tokens",
                "{\"name\":\"isolation test\",\"scopes\":[\"scim:read\",\"scim:write\"]}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.body().path("secret").asText();
    }
}
