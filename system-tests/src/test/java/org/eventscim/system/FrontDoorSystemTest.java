package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.eventscim.stack.ScimStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway as the front door: tenants and tokens made through the admin API, each tenant's rate limit,
 * tenants that cannot see each other, the tenant in the base URL, revocation and scopes, over HTTP on the
 * real stack.
 */
class FrontDoorSystemTest {

    private ScimStack stack;
    private ScimClient admin;

    @BeforeEach
    void connect() {
        stack = TestStacks.shared();
        admin = new ScimClient(stack.scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
    }

    @Test
    void aTenantOverItsRateLimitGets429WithRetryAfterAndEveryAnswerTellsWhatIsLeft() {
        ScimClient tenant = client(newTenant(5), "scim:read");

        for (int left = 4; left >= 0; left--) {
            ScimClient.Response read = tenant.get("/Users?count=1");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("X-Rate-Limit-Remaining")).isEqualTo(Integer.toString(left));
            assertThat(Long.parseLong(read.header("X-Rate-Limit-Reset"))).isBetween(1L, 60L);
        }
        ScimClient.Response refused = tenant.get("/Users?count=1");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 12L);
        assertThat(refused.header("X-Rate-Limit-Remaining")).isEqualTo("0");
        assertError(refused.body(), "429");
        assertThat(TestStacks.client().get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void oneTenantsTokenFindsNothingOfAnotherTenantByIdOrFilterAndChangesNothing() {
        ScimClient owner = client(newTenant(null), "scim:read", "scim:write");
        ScimClient stranger = client(newTenant(null), "scim:read", "scim:write");
        String userName = "isolated-" + UUID.randomUUID() + "@corp.test";
        String id = owner.post("/Users", user(userName)).body().path("id").asText();

        assertThat(stranger.get("/Users/" + id).status()).isEqualTo(404);
        assertThat(stranger.filter("Users", "userName eq \"" + userName + "\"").body().path("totalResults").asInt()).isZero();
        assertThat(stranger.filter("Users", "id eq \"" + id + "\"").body().path("totalResults").asInt()).isZero();
        assertThat(stranger.delete("/Users/" + id).status()).isEqualTo(404);

        ScimClient.Response own = owner.get("/Users/" + id);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("userName").asText()).isEqualTo(userName);
    }

    @Test
    void theTenantInTheBaseUrlWorksAndLocationsKeepItWhileAnotherTenantThereIs404() {
        String tenant = newTenant(null);
        String other = newTenant(null);
        String secret = issue(tenant, "scim:read", "scim:write").path("secret").asText();
        String base = stack.scimBaseUrl() + "/" + tenant;
        ScimClient inPath = new ScimClient(base, secret);

        ScimClient.Response created = inPath.post("/Users", user("path-" + UUID.randomUUID() + "@corp.test"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asText();
        assertThat(created.header("Location")).isEqualTo(base + "/Users/" + id);
        ScimClient.Response read = inPath.get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("meta").path("location").asText()).isEqualTo(base + "/Users/" + id);
        assertThat(new ScimClient(stack.scimBaseUrl(), secret).get("/Users/" + id).status()).isEqualTo(200);

        ScimClient.Response existing = new ScimClient(stack.scimBaseUrl() + "/" + other, secret).get("/Users/" + id);
        ScimClient.Response missing = new ScimClient(stack.scimBaseUrl() + "/no-such-tenant", secret).get("/Users/" + id);
        assertThat(existing.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(existing.body()).isEqualTo(missing.body());
    }

    @Test
    void aRevokedTokenIsRefusedWithinASecond() {
        String tenant = newTenant(null);
        JsonNode issued = issue(tenant, "scim:read");
        ScimClient client = TestStacks.client().withToken(issued.path("secret").asText());
        assertThat(client.get("/Users?count=1").status()).isEqualTo(200);

        assertThat(admin.delete("/tenants/" + tenant + "/tokens/" + issued.path("id").asText()).status()).isEqualTo(204);
        long revoked = System.nanoTime();
        ScimClient.Response refused = client.get("/Users?count=1");

        assertThat(refused.status()).isEqualTo(401);
        assertThat((System.nanoTime() - revoked) / 1_000_000).isLessThan(1000);
        JsonNode listed = admin.get("/tenants/" + tenant + "/tokens").body();
        assertThat(listed.get(0).path("revokedAt").asText()).isNotBlank();
        assertThat(listed.toString()).doesNotContain(issued.path("secret").asText());
    }

    @Test
    void aReadOnlyTokenReadsButCannotWriteAndOnlyAdminTokensAdminister() {
        String tenant = newTenant(null);
        ScimClient reader = client(tenant, "scim:read");
        String userName = "readonly-" + UUID.randomUUID() + "@corp.test";

        ScimClient.Response refused = reader.post("/Users", user(userName));

        assertThat(refused.status()).isEqualTo(403);
        assertError(refused.body(), "403");
        assertThat(reader.filter("Users", "userName eq \"" + userName + "\"").body().path("totalResults").asInt()).isZero();
        assertThat(client(tenant, "scim:write").get("/Users").status()).isEqualTo(403);
        ScimClient.Response notAdmin = new ScimClient(stack.scimBaseUrl().replace("/scim/v2", "/admin/v1"),
                issue(tenant, "scim:read").path("secret").asText()).get("/tenants");
        assertThat(notAdmin.status()).isEqualTo(403);
        assertError(notAdmin.body(), "403");
    }

    /** Creates a tenant through the admin API; {@code rateLimit} null leaves the default. */
    private String newTenant(Integer rateLimit) {
        String id = "front-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\":\"" + id + "\",\"name\":\"Front Door " + id + "\""
                + (rateLimit == null ? "" : ",\"rateLimitPerMinute\":" + rateLimit) + "}";
        ScimClient.Response created = admin.post("/tenants", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("rateLimitPerMinute").asInt()).isEqualTo(rateLimit == null ? 200 : rateLimit);
        return id;
    }

    private JsonNode issue(String tenant, String... scopes) {
        ScimClient.Response issued = admin.post("/tenants/" + tenant + "/tokens",
                "{\"name\":\"system test\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}");
        assertThat(issued.status()).isEqualTo(201);
        return issued.body();
    }

    private ScimClient client(String tenant, String... scopes) {
        return TestStacks.client().withToken(issue(tenant, scopes).path("secret").asText());
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}";
    }

    private static void assertError(JsonNode body, String status) {
        assertThat(body.path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(body.path("status").asText()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
    }
}
