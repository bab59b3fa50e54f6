package org.eventscim.events.credential;

/**
 * A source address presented {@code failedAttempts} wrong bearer tokens within a minute and is refused
 * until the minute has passed. Recorded under the operator's tenant: a wrong token names no tenant.
 */
public record AuthenticationThrottled(String sourceIp, int failedAttempts) {
}
