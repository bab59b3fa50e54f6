package org.eventscim.gateway.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.eventscim.protocol.error.ScimErrorResponses;
import org.eventscim.protocol.error.ScimException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every authenticated request takes one token from its tenant's bucket, refilled smoothly at the tenant's
 * requests per minute. The response says what is left ({@value #REMAINING}) and in how many seconds the
 * bucket is full again ({@value #RESET}); with nothing left it is a 429 with {@code Retry-After} in seconds.
 */
@Component
@Order(BearerTokenFilter.ORDER + 1)
public class RateLimitFilter extends OncePerRequestFilter {

    private static final String REMAINING = "X-Rate-Limit-Remaining";
    private static final String RESET = "X-Rate-Limit-Reset";

    private final TokenBuckets buckets = new TokenBuckets(TokenBuckets.Refill.GREEDY, TimeMeter.SYSTEM_NANOTIME);
    private final ObjectMapper json;

    RateLimitFilter(ObjectMapper json) {
        this.json = json;
    }

    /** Requests the bearer filter turned away, or never saw, belong to no tenant's budget. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AuthenticatedClient client = (AuthenticatedClient) request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE);
        Allowance allowance = buckets.take(client.tenantId(), client.rateLimitPerMinute());
        response.setHeader(REMAINING, Long.toString(allowance.remaining()));
        response.setHeader(RESET, Long.toString(allowance.secondsUntilFull()));
        if (!allowance.granted()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(allowance.retryAfterSeconds()));
            ScimErrorResponses.write(response, json, new ScimException(HttpStatus.TOO_MANY_REQUESTS, null,
                    "Rate limit of " + client.rateLimitPerMinute() + " requests per minute exceeded; retry after "
                            + allowance.retryAfterSeconds() + " s."));
            return;
        }
        chain.doFilter(request, response);
    }
}
