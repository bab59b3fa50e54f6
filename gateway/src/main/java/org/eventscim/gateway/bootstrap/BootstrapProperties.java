package org.eventscim.gateway.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code scim.bootstrap.*}: the tenant created at first start, its token, and its requests per minute,
 * set at every start (see application.yml).
 */
@ConfigurationProperties("scim.bootstrap")
public record BootstrapProperties(String tenant, String token, int rateLimitPerMinute) {
}
