package org.eventscim.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eventscim.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class TenantAdministrationTest extends GatewayTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theOperatorCreatesTenantsWithTheDefaultOrTheirOwnRateLimit() throws Exception {
        String plain = newTenantId();
        String busy = newTenantId();

        JsonNode created = body(send(post("/admin/v1/tenants"), OPERATOR_TOKEN, Map.of("id", plain, "name", "Plain Corp"))
                .andExpect(status().isCreated()));
        createTenant(busy, 5000);

        assertThat(created.get("id").asText()).isEqualTo(plain);
        assertThat(created.get("name").asText()).isEqualTo("Plain Corp");
        assertThat(created.get("rateLimitPerMinute").asInt()).isEqualTo(200);
        assertThat(created.get("createdAt").asText()).isNotBlank();
        JsonNode tenants = body(send(get("/admin/v1/tenants"), OPERATOR_TOKEN).andExpect(status().isOk()));
        assertThat(limits(tenants)).contains(plain + "=200", busy + "=5000", "default=100000");
    }

    @Test
    void withoutAnIdATenantGetsAGeneratedOne() throws Exception {
        JsonNode created = body(send(post("/admin/v1/tenants"), OPERATOR_TOKEN, Map.of("name", "Anonymous Ltd"))
                .andExpect(status().isCreated()));

        assertThat(created.get("id").asText()).hasSize(36);
    }

    @Test
    void tenantIdsAreUniqueUrlSafeAndNeverTheNameOfAnEndpoint() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);

        JsonNode duplicate = body(send(post("/admin/v1/tenants"), OPERATOR_TOKEN, Map.of("id", tenant))
                .andExpect(status().isConflict()));
        assertThat(duplicate.get("scimType").asText()).isEqualTo("uniqueness");
        for (String bad : List.of("Users", "schemas", "a/b", "-dash", "x".repeat(65))) {
            JsonNode invalid = body(send(post("/admin/v1/tenants"), OPERATOR_TOKEN, Map.of("id", bad))
                    .andExpect(status().isBadRequest()));
            assertThat(invalid.get("scimType").asText()).isEqualTo("invalidValue");
        }
        send(post("/admin/v1/tenants"), OPERATOR_TOKEN, Map.of("id", newTenantId(), "rateLimitPerMinute", 0))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anIssuedTokenShowsItsSecretOnceKeepsOnlyItsHashAndWorksAtOnce() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);

        JsonNode issued = issue(tenant, "scim:read", "scim:write");
        String secret = issued.get("secret").asText();

        assertThat(secret).startsWith("scim_");
        assertThat(Base64.getUrlDecoder().decode(secret.substring("scim_".length()))).hasSize(32);
        assertThat(issued.get("scopes").toString()).isEqualTo("[\"scim:read\",\"scim:write\"]");
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE id = ? AND token_hash = ?", Integer.class,
                issued.get("id").asText(), hash)).isEqualTo(1);
        send(get("/scim/v2/Users"), secret).andExpect(status().isOk());

        JsonNode listed = body(send(get("/admin/v1/tenants/" + tenant + "/tokens"), OPERATOR_TOKEN).andExpect(status().isOk()));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(issued.get("id").asText());
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(listed.get(0).get("revokedAt").isNull()).isTrue();
        assertThat(listed.toString()).doesNotContain(secret);
    }

    @Test
    void aRevokedTokenIsRefusedFromTheNextRequestOn() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);
        JsonNode issued = issue(tenant, "scim:read");
        String secret = issued.get("secret").asText();
        send(get("/scim/v2/Users"), secret).andExpect(status().isOk());

        send(delete("/admin/v1/tenants/" + tenant + "/tokens/" + issued.get("id").asText()), OPERATOR_TOKEN)
                .andExpect(status().isNoContent());

        send(get("/scim/v2/Users"), secret).andExpect(status().isUnauthorized());
        JsonNode listed = body(send(get("/admin/v1/tenants/" + tenant + "/tokens"), OPERATOR_TOKEN));
        assertThat(listed.get(0).get("revokedAt").asText()).isNotBlank();
        send(delete("/admin/v1/tenants/" + tenant + "/tokens/" + issued.get("id").asText()), OPERATOR_TOKEN)
                .andExpect(status().isNoContent());
        send(delete("/admin/v1/tenants/" + tenant + "/tokens/no-such-token"), OPERATOR_TOKEN)
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyAdminTokensAdministerAndATenantsAdminSeesOnlyItsOwnTenant() throws Exception {
        String mine = newTenantId();
        String theirs = newTenantId();
        createTenant(mine, null);
        createTenant(theirs, null);
        String reader = issueToken(mine, "scim:read");
        String admin = issueToken(mine, "admin");

        JsonNode refused = body(send(get("/admin/v1/tenants"), reader).andExpect(status().isForbidden()));
        assertThat(refused.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        send(get("/admin/v1/tenants/" + mine + "/tokens"), reader).andExpect(status().isForbidden());

        JsonNode visible = body(send(get("/admin/v1/tenants"), admin).andExpect(status().isOk()));
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("id").asText()).isEqualTo(mine);
        send(get("/admin/v1/tenants/" + mine + "/tokens"), admin).andExpect(status().isOk());
        send(post("/admin/v1/tenants/" + mine + "/tokens"), admin, Map.of("name", "ci", "scopes", List.of("scim:read")))
                .andExpect(status().isCreated());
        JsonNode hidden = body(send(get("/admin/v1/tenants/" + theirs + "/tokens"), admin).andExpect(status().isNotFound()));
        JsonNode missing = body(send(get("/admin/v1/tenants/no-such-tenant/tokens"), admin).andExpect(status().isNotFound()));
        assertThat(hidden).isEqualTo(missing);
        send(post("/admin/v1/tenants"), admin, Map.of("id", newTenantId())).andExpect(status().isForbidden());
    }

    @Test
    void aTokenNeedsANameAndKnownScopes() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);
        String tokens = "/admin/v1/tenants/" + tenant + "/tokens";

        send(post(tokens), OPERATOR_TOKEN, Map.of("name", "x", "scopes", List.of("root"))).andExpect(status().isBadRequest());
        send(post(tokens), OPERATOR_TOKEN, Map.of("name", "x", "scopes", List.of())).andExpect(status().isBadRequest());
        send(post(tokens), OPERATOR_TOKEN, Map.of("scopes", List.of("scim:read"))).andExpect(status().isBadRequest());
        send(post("/admin/v1/tenants/no-such-tenant/tokens"), OPERATOR_TOKEN,
                Map.of("name", "x", "scopes", List.of("scim:read"))).andExpect(status().isNotFound());
    }

    private static List<String> limits(JsonNode tenants) {
        List<String> limits = new ArrayList<>();
        tenants.forEach(tenant -> limits.add(tenant.get("id").asText() + "=" + tenant.get("rateLimitPerMinute").asInt()));
        return limits;
    }
}
