package org.eventscim.events.credential;

/** The operator created a tenant. */
public record TenantCreated(String tenantId, String name, int rateLimitPerMinute) {
}
