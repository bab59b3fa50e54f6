package org.eventscim.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eventscim.gateway.GatewayTest;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TenantPathTest extends GatewayTest {

    @Autowired
    private CallerTokenCodec callerTokens;

    @Test
    void aTenantInThePathIsLeftOutOfTheForwardedPathAndKeptInTheBaseUrl() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);
        String token = issueToken(tenant, "scim:read");

        JsonNode seen = body(send(get("/scim/v2/" + tenant + "/Users/42?attributes=userName"), token)
                .andExpect(status().isOk()));

        assertThat(seen.get("path").asText()).isEqualTo("/query/scim/v2/Users/42");
        assertThat(seen.get("query").asText()).isEqualTo("attributes=userName");
        Caller caller = callerTokens.verify(seen.get("caller").asText());
        assertThat(caller.tenantId()).isEqualTo(tenant);
        assertThat(caller.baseUrl()).startsWith("http://localhost").endsWith("/scim/v2/" + tenant);
    }

    @Test
    void withoutATenantInThePathTheBaseUrlIsThePlainOne() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);

        JsonNode seen = body(send(get("/scim/v2/Users/42"), issueToken(tenant, "scim:read")).andExpect(status().isOk()));

        assertThat(seen.get("path").asText()).isEqualTo("/query/scim/v2/Users/42");
        assertThat(callerTokens.verify(seen.get("caller").asText()).baseUrl()).endsWith(":80/scim/v2");
    }

    @Test
    void anotherTenantInThePathIs404ExactlyAsATenantThatDoesNotExist() throws Exception {
        String mine = newTenantId();
        String theirs = newTenantId();
        createTenant(mine, null);
        createTenant(theirs, null);
        String token = issueToken(mine, "scim:read", "scim:write");
        int forwarded = forwardedRequests();

        JsonNode existing = body(send(get("/scim/v2/" + theirs + "/Users/42"), token).andExpect(status().isNotFound()));
        JsonNode missing = body(send(get("/scim/v2/no-such-tenant/Users/42"), token).andExpect(status().isNotFound()));
        send(patch("/scim/v2/" + theirs + "/Users/42"), token, Map.of()).andExpect(status().isNotFound());

        assertThat(existing).isEqualTo(missing);
        assertThat(existing.get("status").asText()).isEqualTo("404");
        assertThat(forwardedRequests()).isEqualTo(forwarded);
    }

    @Test
    void readsNeedScimReadAndWritesNeedScimWrite() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);
        String reader = issueToken(tenant, "scim:read");
        String writer = issueToken(tenant, "scim:write");
        Map<String, Object> user = Map.of("userName", "alice");

        JsonNode refused = body(send(post("/scim/v2/Users"), reader, user).andExpect(status().isForbidden()));
        assertThat(refused.get("status").asText()).isEqualTo("403");
        assertThat(refused.get("detail").asText()).contains("scim:write");
        send(get("/scim/v2/Users"), reader).andExpect(status().isOk());
        send(post("/scim/v2/Users/.search"), reader, Map.of()).andExpect(status().isOk());

        send(get("/scim/v2/Users"), writer).andExpect(status().isForbidden());
        send(post("/scim/v2/" + tenant + "/Users/.search"), writer, Map.of()).andExpect(status().isForbidden());
        JsonNode seen = body(send(post("/scim/v2/" + tenant + "/Users"), writer, user).andExpect(status().isOk()));
        assertThat(seen.get("path").asText()).isEqualTo("/command/scim/v2/Users");
    }
}
