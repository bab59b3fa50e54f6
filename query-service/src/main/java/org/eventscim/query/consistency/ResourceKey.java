package org.eventscim.query.consistency;

/** One resource of one tenant. */
public record ResourceKey(String tenant, String resourceType, String resourceId) {
}
