package org.eventscim.gateway.auth;

import java.util.Set;

/**
 * The client behind a valid bearer token: its tenant, the token's id and name, what it may do, and how many
 * requests per minute its tenant may make.
 */
public record AuthenticatedClient(String tenantId, String tokenId, String name, Set<String> scopes,
                                  int rateLimitPerMinute) {

    public AuthenticatedClient {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
