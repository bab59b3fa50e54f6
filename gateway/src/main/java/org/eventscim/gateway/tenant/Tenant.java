package org.eventscim.gateway.tenant;

import java.time.Instant;

/** A tenant: its own users, groups and tokens, and its request budget. */
public record Tenant(String id, String name, int rateLimitPerMinute, Instant createdAt) {
}
