package org.eventscim.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code scim.rate-limits.*}: how many requests a tenant, and how many failed logins a source, may make (see application.yml). */
@ConfigurationProperties("scim.rate-limits")
public record RateLimitProperties(int defaultPerMinute, int failedAuthenticationsPerMinute) {
}
