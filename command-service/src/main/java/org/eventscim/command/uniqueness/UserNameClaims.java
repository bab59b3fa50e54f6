package org.eventscim.command.uniqueness;

/** Claims on userNames: unique per tenant, case-insensitive (RFC 7643 §4.1.1). */
public interface UserNameClaims extends NameClaims {
}
