package org.eventscim.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = new Routes(new RouteProperties("http://command", "http://query", Duration.ofSeconds(5)));

    @Test
    void readsGoToTheQueryServiceAndWritesToTheCommandService() {
        assertThat(routes.serviceFor("GET", "/scim/v2/Users/1")).isEqualTo("http://query");
        assertThat(routes.serviceFor("HEAD", "/scim/v2/Users")).isEqualTo("http://query");
        assertThat(routes.serviceFor("POST", "/scim/v2/Users/.search")).isEqualTo("http://query");
        assertThat(routes.serviceFor("POST", "/scim/v2/Users")).isEqualTo("http://command");
        assertThat(routes.serviceFor("PUT", "/scim/v2/Users/1")).isEqualTo("http://command");
        assertThat(routes.serviceFor("PATCH", "/scim/v2/Users/1")).isEqualTo("http://command");
        assertThat(routes.serviceFor("DELETE", "/scim/v2/Users/1")).isEqualTo("http://command");
        assertThat(Routes.isRead("POST", "/scim/v2/Groups/.search")).isTrue();
        assertThat(Routes.isRead("PATCH", "/scim/v2/Groups/1")).isFalse();
    }

    @Test
    void theAuditChainIsVerifiedByTheCommandServiceThatOwnsTheEventStore() {
        assertThat(routes.serviceFor("GET", "/audit/v1/chain/verify")).isEqualTo("http://command");
        assertThat(routes.serviceFor("GET", Routes.AUDIT_REPLAY)).isEqualTo("http://command");
    }

    @Test
    void theAuditReadsGoToTheQueryServiceThatHoldsTheAuditReadModel() {
        assertThat(routes.serviceFor("GET", "/audit/v1/Users/1/history")).isEqualTo("http://query");
        assertThat(routes.serviceFor("GET", "/audit/v1/Groups/1")).isEqualTo("http://query");
        assertThat(routes.serviceFor("GET", "/audit/v1/events")).isEqualTo("http://query");
        assertThat(routes.serviceFor("GET", Routes.AUDIT_EXPORT)).isEqualTo("http://query");
    }

    @Test
    void aClientRequestIdIsKeptOnlyWhenItIsSane() {
        assertThat(RequestIds.from("abc-123")).isEqualTo("abc-123");
        assertThat(RequestIds.from("bad\nvalue")).isNotEqualTo("bad\nvalue").hasSize(36);
        assertThat(RequestIds.from(null)).hasSize(36);
    }
}
