package org.eventscim.gateway.auth;

/** What revoking a token did. */
public enum Revocation {
    REVOKED,
    ALREADY_REVOKED,
    NOT_FOUND
}
