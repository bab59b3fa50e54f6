package org.eventscim.gateway.auth;

import java.time.Instant;
import java.util.List;

/** A token just issued, with its secret: the only time the secret is shown. */
public record IssuedToken(String id, String name, List<String> scopes, Instant createdAt, String secret) {
}
