package org.eventscim.gateway.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code scim.bootstrap.*}: the tenant created at first start and its token (see application.yml). */
@ConfigurationProperties("scim.bootstrap")
public record BootstrapProperties(String tenant, String token) {
}
