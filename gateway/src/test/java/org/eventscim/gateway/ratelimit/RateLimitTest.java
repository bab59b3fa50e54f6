package org.eventscim.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import org.eventscim.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitTest extends GatewayTest {

    @Test
    void everyAnswerTellsWhatIsLeftAndASpentBudgetIs429WithRetryAfter() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, 3);
        String token = issueToken(tenant, "scim:read");

        for (int left = 2; left >= 0; left--) {
            MockHttpServletResponse response = send(get("/scim/v2/Users"), token)
                    .andExpect(status().isOk())
                    .andExpect(header().string("X-Rate-Limit-Remaining", Integer.toString(left)))
                    .andReturn().getResponse();
            assertThat(Long.parseLong(response.getHeader("X-Rate-Limit-Reset"))).isBetween(1L, 60L);
        }
        int forwarded = forwardedRequests();

        JsonNode refused = body(send(get("/scim/v2/Users"), token)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("X-Rate-Limit-Remaining", "0"))
                .andExpect(header().string("Retry-After", "20"))
                .andExpect(header().exists("X-Rate-Limit-Reset")));
        assertThat(refused.get("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(refused.get("status").asText()).isEqualTo("429");
        assertThat(refused.get("detail").asText()).contains("3 requests per minute");
        assertThat(forwardedRequests()).isEqualTo(forwarded);
    }

    @Test
    void oneTenantSpendingItsBudgetLeavesAnotherUntouched() throws Exception {
        String spent = newTenantId();
        String other = newTenantId();
        createTenant(spent, 1);
        createTenant(other, null);
        String spender = issueToken(spent, "scim:read");
        send(get("/scim/v2/Users"), spender).andExpect(status().isOk());
        send(get("/scim/v2/Users"), spender).andExpect(status().isTooManyRequests());

        send(get("/scim/v2/Users"), issueToken(other, "scim:read"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Rate-Limit-Remaining", "199"));
    }

    @Test
    void aSourceThatKeepsPresentingWrongTokensIsRefusedForTheRestOfTheMinute() throws Exception {
        String guesser = "192.0.2.10";
        for (int attempt = 0; attempt < 20; attempt++) {
            mvc.perform(get("/scim/v2/Users").with(from(guesser)).header("Authorization", "Bearer guess-" + attempt))
                    .andExpect(status().isUnauthorized());
        }

        JsonNode refused = body(mvc.perform(get("/scim/v2/Users").with(from(guesser))
                        .header("Authorization", "Bearer " + OPERATOR_TOKEN))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60")));
        assertThat(refused.get("status").asText()).isEqualTo("429");

        mvc.perform(get("/scim/v2/Users").with(from("192.0.2.11")).header("Authorization", "Bearer " + OPERATOR_TOKEN))
                .andExpect(status().isOk());
    }

    @Test
    void requestsWithoutAnyTokenAreNotCountedAsGuesses() throws Exception {
        String forgetful = "192.0.2.20";
        for (int attempt = 0; attempt < 25; attempt++) {
            mvc.perform(get("/scim/v2/Users").with(from(forgetful))).andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"scim\""));
        }
        mvc.perform(get("/scim/v2/Users").with(from(forgetful)).header("Authorization", "Bearer " + OPERATOR_TOKEN))
                .andExpect(status().isOk());
    }
}
