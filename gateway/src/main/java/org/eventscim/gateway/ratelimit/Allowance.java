package org.eventscim.gateway.ratelimit;

/**
 * What taking one token from a bucket gave: whether the request may proceed, the tokens left, the seconds
 * until the bucket is full again, and (when refused) the seconds until a token is there to take.
 */
public record Allowance(boolean granted, long remaining, long secondsUntilFull, long retryAfterSeconds) {
}
