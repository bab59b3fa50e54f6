package org.eventscim.gateway;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The gateway as it runs, on an embedded PostgreSQL, in front of an {@link EchoService} standing in for both
 * services. Every test class extending this shares one database and one application context, so each test
 * makes its own tenants. Metrics are exported as in production, so the Prometheus endpoint can be tested.
 */
@SpringBootTest(properties = {
        "scim.internal.secret=gateway-test-secret-of-at-least-32-bytes",
        "scim.bootstrap.token=" + GatewayTest.OPERATOR_TOKEN,
        "scim.bootstrap.rate-limit-per-minute=100000",
        "scim.rate-limits.default-per-minute=200",
        "scim.rate-limits.failed-authentications-per-minute=20"})
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
public abstract class GatewayTest {

    /** The bootstrap tenant's token: every scope, and the operator's tenant. */
    protected static final String OPERATOR_TOKEN = "gateway-test-operator-token";
    private static final EchoService SERVICES = EchoService.start();
    private static final EmbeddedPostgres POSTGRES = startPostgres();

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected ObjectMapper json;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("scim.routes.command-url", () -> SERVICES.url() + "/command");
        registry.add("scim.routes.query-url", () -> SERVICES.url() + "/query");
        registry.add("scim.jwt.jwks-uri", TestJwks::jwksUri);
        registry.add("scim.jwt.issuer", () -> TestJwks.ISSUER);
        registry.add("scim.jwt.audience", () -> TestJwks.AUDIENCE);
    }

    /** The credential events relayed so far to the (stand-in) command-service, oldest first. */
    protected static List<JsonNode> relayedCredentialEvents() {
        return SERVICES.credentialEvents();
    }

    /** How many requests reached the services so far. */
    protected static int forwardedRequests() {
        return SERVICES.received();
    }

    protected static String newTenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tenant as the operator; {@code rateLimit} null leaves the default. */
    protected void createTenant(String id, Integer rateLimit) throws Exception {
        Map<String, Object> body = rateLimit == null ? Map.of("id", id) : Map.of("id", id, "rateLimitPerMinute", rateLimit);
        send(post("/admin/v1/tenants"), OPERATOR_TOKEN, body).andExpect(status().isCreated());
    }

    /** Issues a token as the operator and returns its secret. */
    protected String issueToken(String tenantId, String... scopes) throws Exception {
        return issue(tenantId, scopes).get("secret").asText();
    }

    protected JsonNode issue(String tenantId, String... scopes) throws Exception {
        return body(send(post("/admin/v1/tenants/" + tenantId + "/tokens"), OPERATOR_TOKEN,
                Map.of("name", "test client", "scopes", List.of(scopes))).andExpect(status().isCreated()));
    }

    protected ResultActions send(MockHttpServletRequestBuilder request, String token, Object body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsBytes(body)));
    }

    protected ResultActions send(MockHttpServletRequestBuilder request, String token) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token));
    }

    protected JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsByteArray());
    }

    /** As if the request came from {@code address}; failed authentications are counted per source. */
    protected static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private static EmbeddedPostgres startPostgres() {
        try {
            return EmbeddedPostgres.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
