package org.eventscim.gateway.auth;

import java.time.Instant;
import java.util.List;

/** What may be shown of a token after it was issued: everything but the secret. */
public record TokenSummary(String id, String name, List<String> scopes, Instant createdAt, Instant revokedAt) {
}
