package org.eventscim.gateway.auth;

import io.github.bucket4j.TimeMeter;
import org.eventscim.gateway.ratelimit.RateLimitProperties;
import org.eventscim.gateway.ratelimit.TokenBuckets;
import org.springframework.stereotype.Component;

/**
 * Failed authentications per source address, so that guessing tokens is slow: a source that failed
 * {@code failedAuthenticationsPerMinute} times is refused, whatever it sends, until its minute has passed.
 * Refusing valid tokens too is deliberate: answering them would tell a guesser when it had hit one.
 */
@Component
class FailedAuthentications {

    private final TokenBuckets failures = new TokenBuckets(TokenBuckets.Refill.WINDOWED, TimeMeter.SYSTEM_NANOTIME);
    private final int perMinute;

    FailedAuthentications(RateLimitProperties properties) {
        this.perMinute = properties.failedAuthenticationsPerMinute();
    }

    /** 0 when {@code source} may try to authenticate now. */
    long secondsUntilAllowed(String source) {
        return failures.secondsUntilAvailable(source, perMinute);
    }

    /** Counts a failure; true when it used up the source's allowance, which happens once per minute at most. */
    boolean recordAndCheckThrottled(String source) {
        failures.take(source, perMinute);
        return secondsUntilAllowed(source) > 0;
    }

    int perMinute() {
        return perMinute;
    }
}
