package org.eventscim.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.eventscim.protocol.caller.Scopes;
import org.junit.jupiter.api.Test;

class MetricsTest extends GatewayTest {

    @Test
    void prometheusSeesEveryRequestByRouteMethodAndStatus() throws Exception {
        send(get("/scim/v2/Users"), OPERATOR_TOKEN).andExpect(status().isOk());

        String metrics = send(get("/actuator/prometheus"), OPERATOR_TOKEN).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*status=\"200\"[^}]*uri=\"/scim/v2/\\*\\*\"");
    }

    @Test
    void scimRequestsAreCountedByTenantEndpointMethodAndStatusWithTheGatewaysOwnShare() throws Exception {
        send(get("/scim/v2/Groups/g-1"), OPERATOR_TOKEN).andExpect(status().isOk());
        send(get("/scim/v2/Users"), "not-a-token").andExpect(status().isUnauthorized());

        String metrics = send(get("/actuator/prometheus"), OPERATOR_TOKEN).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(metrics).containsPattern("scim_requests_seconds_count\\{endpoint=\"Groups\",method=\"GET\",status=\"200\",tenant=\"default\"} [1-9]");
        assertThat(metrics).containsPattern("scim_requests_seconds_count\\{endpoint=\"Users\",method=\"GET\",status=\"401\",tenant=\"none\"} [1-9]");
        assertThat(metrics).containsPattern("scim_gateway_overhead_seconds\\{quantile=\"0.99\"} [0-9.E-]+");
        assertThat(metrics).containsPattern("scim_gateway_overhead_seconds_count [1-9]");
    }

    @Test
    void healthIsPublic() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void everyOtherActuatorEndpointIsTheOperatorsAlone() throws Exception {
        String tenant = newTenantId();
        createTenant(tenant, null);
        String tenantAdmin = issueToken(tenant, Scopes.ADMIN, Scopes.SCIM_READ);
        String operatorReader = issueToken("default", Scopes.SCIM_READ);
        for (String path : new String[] {"/actuator", "/actuator/prometheus", "/actuator/info", "/actuator/metrics"}) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            send(get(path), "not-a-token").andExpect(status().isUnauthorized());
            send(get(path), tenantAdmin).andExpect(status().isForbidden());
            send(get(path), operatorReader).andExpect(status().isForbidden());
        }
        send(get("/actuator"), OPERATOR_TOKEN).andExpect(status().isOk());
        send(get("/actuator/info"), OPERATOR_TOKEN).andExpect(status().isOk());
    }
}
