package org.eventscim.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eventscim.gateway.GatewayTest;
import org.eventscim.gateway.TestJwks;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OAuth2 JWT bearer tokens from a configured authorization server (issue #6), with keys generated for the
 * test and a JWKS served over HTTP: the tenant comes from the token's claim, the scopes from {@code scope}
 * or {@code scp}; a wrong signature, issuer, audience, an expired token or an unknown tenant is 401.
 */
class JwtAuthenticationTest extends GatewayTest {

    /** Refused tokens count as failed authentications per source; keep them away from other tests' source. */
    private static final String SOURCE = "192.0.2.90";

    @Autowired
    private CallerTokenCodec callerTokens;
    private String tenant;

    @BeforeEach
    void tenant() throws Exception {
        tenant = newTenantId();
        createTenant(tenant, null);
    }

    @Test
    void aValidTokenActsForItsTenantWithItsScopes() throws Exception {
        String token = TestJwks.sign(claims().claim("scope", "scim:read openid").build());

        JsonNode seen = body(mvc.perform(get("/scim/v2/Users").with(from(SOURCE)).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()));

        Caller caller = callerTokens.verify(seen.get("caller").asText());
        assertThat(caller.tenantId()).isEqualTo(tenant);
        assertThat(caller.actorId()).isEqualTo("jwt:okta-client-7");
        assertThat(caller.actorName()).isEqualTo("okta-scim");
        assertThat(caller.scopes()).containsExactly("scim:read");
        mvc.perform(post("/scim/v2/Users").with(from(SOURCE)).header("Authorization", "Bearer " + token)
                        .contentType("application/scim+json").content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void scopesMayComeAsAnScpList() throws Exception {
        String token = TestJwks.sign(claims().claim("scp", List.of("scim:write", "scim:read")).claim("scope", null).build());

        mvc.perform(post("/scim/v2/Users").with(from(SOURCE)).header("Authorization", "Bearer " + token)
                        .contentType("application/scim+json").content("{}"))
                .andExpect(status().isOk());
    }

    @Test
    void anyFlawInTheTokenIs401() throws Exception {
        Date past = Date.from(Instant.now().minusSeconds(600));
        Map<String, String> refused = Map.of(
                "unpublished key", TestJwks.signWithUnpublishedKey(claims().build()),
                "other issuer", TestJwks.sign(claims().issuer("https://evil.example").build()),
                "other audience", TestJwks.sign(claims().audience("someone-else").build()),
                "expired", TestJwks.sign(claims().expirationTime(past).build()),
                "unknown tenant", TestJwks.sign(claims().claim("tenant", "no-such-tenant").build()),
                "no tenant", TestJwks.sign(claims().claim("tenant", null).build()),
                "tampered", tampered(TestJwks.sign(claims().build())));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            mvc.perform(get("/scim/v2/Users").with(from(SOURCE)).header("Authorization", "Bearer " + token.getValue()))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"scim\""));
        }
    }

    /** The same token with another tenant in its payload and the original signature. */
    private String tampered(String token) {
        String[] parts = token.split("\\.");
        String otherPayload = TestJwks.sign(claims().claim("tenant", "default").build()).split("\\.")[1];
        return parts[0] + "." + otherPayload + "." + parts[2];
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(TestJwks.ISSUER)
                .audience(TestJwks.AUDIENCE)
                .subject("okta-client-7")
                .claim("azp", "okta-scim")
                .claim("tenant", tenant)
                .claim("scope", "scim:read scim:write")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }
}
