package org.eventscim.events.credential;

import java.util.List;

/** A bearer token was issued to the tenant (never its secret). */
public record TokenIssued(String tokenId, String name, List<String> scopes) {
}
