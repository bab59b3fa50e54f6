package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each service's own health and Prometheus metrics after a write (issue #6): requests by tenant and
 * endpoint and the gateway's share at the gateway, publication lag at the command-service, projection
 * lag at the query-service.
 */
class OperationsMetricsSystemTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyServiceReportsItsHealthAndItsPartOfAWrite() throws Exception {
        ScimClient scim = TestStacks.client();
        assertThat(scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"metrics-"
                + UUID.randomUUID() + "@corp.test\"}").status()).isEqualTo(201);

        for (String service : new String[] {"gateway", "command-service", "query-service"}) {
            assertThat(get(service, "/actuator/health")).contains("\"status\":\"UP\"");
        }
        assertThat(get("gateway", "/actuator/prometheus"))
                .containsPattern("scim_requests_seconds_count\\{endpoint=\"Users\",method=\"POST\",status=\"201\",tenant=\"default\"} [1-9]")
                .containsPattern("scim_gateway_overhead_seconds\\{quantile=\"0.99\"}");
        assertThat(get("command-service", "/actuator/prometheus"))
                .containsPattern("scim_publication_lag_seconds_count [1-9]")
                .containsPattern("scim_publication_lag_seconds\\{quantile=\"0.99\"}");
        assertThat(get("query-service", "/actuator/prometheus"))
                .containsPattern("scim_projection_lag_seconds_count [1-9]")
                .containsPattern("scim_projection_lag_seconds\\{quantile=\"0.99\"}");
    }

    /** The gateway's actuator takes the operator's admin token (the bootstrap token); the others are internal. */
    private String get(String service, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(TestStacks.shared().serviceUrl(service) + path))
                .header("Authorization", "Bearer " + TestStacks.TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service + path).isEqualTo(200);
        return response.body();
    }
}
