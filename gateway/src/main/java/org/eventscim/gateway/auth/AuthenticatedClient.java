package org.eventscim.gateway.auth;

import java.util.Set;

/** The client behind a valid bearer token: its tenant, the token's id and name, and what it may do. */
public record AuthenticatedClient(String tenantId, String tokenId, String name, Set<String> scopes) {
}
