package org.eventscim.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScimRequestMetricsTest {

    @Test
    void endpointsAreNamedAfterTheScimEndpointWhateverTheTenantSegmentOrCase() {
        assertThat(ScimRequestMetrics.endpoint("/scim/v2/users/abc")).isEqualTo("Users");
        assertThat(ScimRequestMetrics.endpoint("/scim/v2/acme/Groups/.search")).isEqualTo("Groups");
        assertThat(ScimRequestMetrics.endpoint("/scim/v2/Bulk")).isEqualTo("Bulk");
        assertThat(ScimRequestMetrics.endpoint("/scim/v2/acme/random/Users")).isEqualTo("other");
        assertThat(ScimRequestMetrics.endpoint("/scim/v2")).isEqualTo("other");
    }
}
