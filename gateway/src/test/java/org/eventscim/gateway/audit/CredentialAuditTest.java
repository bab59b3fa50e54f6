package org.eventscim.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.eventscim.gateway.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * Every credential change is recorded with the change and relayed to the command-service as an event
 * (issue #6): tenant created, token issued (never its secret) and revoked (once), and a burst of wrong
 * tokens from one source, once per minute, under the operator's tenant.
 */
class CredentialAuditTest extends GatewayTest {

    @Test
    void tenantsAndTokensAreRelayedAsEventsWithTheirActorAndNoSecret() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, 300);
        JsonNode issued = issue(tenant, "scim:read", "scim:write");
        String tokenId = issued.get("id").asText();
        send(delete("/admin/v1/tenants/" + tenant + "/tokens/" + tokenId), OPERATOR_TOKEN).andExpect(status().isNoContent());
        send(delete("/admin/v1/tenants/" + tenant + "/tokens/" + tokenId), OPERATOR_TOKEN).andExpect(status().isNoContent());

        List<JsonNode> events = awaitRelayed(event -> event.path("tenantId").asText().equals(tenant), 3);

        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("TenantCreated", "TokenIssued", "TokenRevoked");
        assertThat(events.get(0).path("payload").path("rateLimitPerMinute").asInt()).isEqualTo(300);
        assertThat(events.get(1).path("payload").path("tokenId").asText()).isEqualTo(tokenId);
        assertThat(events.get(1).path("payload").path("scopes").toString()).contains("scim:read", "scim:write");
        assertThat(events.get(2).path("payload").path("tokenId").asText()).isEqualTo(tokenId);
        for (JsonNode event : events) {
            assertThat(event.path("actorName").asText()).isEqualTo("bootstrap");
            assertThat(event.path("eventId").asText()).isNotBlank();
            assertThat(event.toString()).doesNotContain(issued.get("secret").asText());
        }
    }

    @Test
    void aBurstOfWrongTokensIsRecordedOnceUnderTheOperatorsTenant() throws Exception {
        String guesser = "192.0.2.77";
        for (int attempt = 0; attempt < 25; attempt++) {
            mvc.perform(get("/scim/v2/Users").with(request -> {
                request.setRemoteAddr(guesser);
                return request;
            }).header("Authorization", "Bearer wrong-" + attempt));
        }

        List<JsonNode> bursts = awaitRelayed(event -> event.path("payload").path("sourceIp").asText().equals(guesser), 1);

        assertThat(bursts).hasSize(1);
        assertThat(bursts.getFirst().path("type").asText()).isEqualTo("AuthenticationThrottled");
        assertThat(bursts.getFirst().path("tenantId").asText()).isEqualTo("default");
        assertThat(bursts.getFirst().path("actorId").asText()).isEqualTo("system");
        assertThat(bursts.getFirst().path("payload").path("failedAttempts").asInt()).isEqualTo(20);
    }

    private static List<JsonNode> awaitRelayed(Predicate<JsonNode> wanted, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<JsonNode> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = relayedCredentialEvents().stream().filter(wanted).toList();
            if (found.size() >= count) {
                // Anything more would arrive with the same relay round; give it one more moment.
                Thread.sleep(1500);
                return relayedCredentialEvents().stream().filter(wanted).toList();
            }
            Thread.sleep(100);
        }
        return found;
    }
}
