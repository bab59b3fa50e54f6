package org.eventscim.events.credential;

/** A bearer token of the tenant was revoked. */
public record TokenRevoked(String tokenId) {
}
