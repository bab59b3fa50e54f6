package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
