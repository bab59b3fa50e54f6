package org.eventscim.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScimPathTest {

    @Test
    void aPathThatStartsWithAnEndpointNamesNoTenant() {
        assertThat(ScimPath.parse("/scim/v2/Users/42")).isEqualTo(new ScimPath(null, "/scim/v2/Users/42"));
        assertThat(ScimPath.parse("/scim/v2/Groups")).isEqualTo(new ScimPath(null, "/scim/v2/Groups"));
        assertThat(ScimPath.parse("/scim/v2/ServiceProviderConfig"))
                .isEqualTo(new ScimPath(null, "/scim/v2/ServiceProviderConfig"));
        assertThat(ScimPath.parse("/scim/v2/.search")).isEqualTo(new ScimPath(null, "/scim/v2/.search"));
        assertThat(ScimPath.parse("/scim/v2/users")).isEqualTo(new ScimPath(null, "/scim/v2/users"));
        assertThat(ScimPath.parse("/scim/v2")).isEqualTo(new ScimPath(null, "/scim/v2"));
        assertThat(ScimPath.parse("/scim/v2/").base()).isEqualTo("/scim/v2");
    }

    @Test
    void anyOtherFirstSegmentIsTheTenantAndIsLeftOutOfTheServicePath() {
        ScimPath path = ScimPath.parse("/scim/v2/acme/Users/42");

        assertThat(path).isEqualTo(new ScimPath("acme", "/scim/v2/Users/42"));
        assertThat(path.base()).isEqualTo("/scim/v2/acme");
        assertThat(ScimPath.parse("/scim/v2/acme/Users/.search")).isEqualTo(new ScimPath("acme", "/scim/v2/Users/.search"));
        assertThat(ScimPath.parse("/scim/v2/acme")).isEqualTo(new ScimPath("acme", "/scim/v2"));
        assertThat(ScimPath.parse("/scim/v2/acme/")).isEqualTo(new ScimPath("acme", "/scim/v2/"));
    }

    @Test
    void endpointNamesAreReservedInAnyCase() {
        assertThat(ScimPath.isEndpointName("ResourceTypes")).isTrue();
        assertThat(ScimPath.isEndpointName("SCHEMAS")).isTrue();
        assertThat(ScimPath.isEndpointName("acme")).isFalse();
    }
}
