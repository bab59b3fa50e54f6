package org.eventscim.protocol.consistency;

/** One resource of one tenant. */
public record ResourceKey(String tenant, String resourceType, String resourceId) {
}
