package org.eventscim.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every SCIM request from before authentication to the last byte of its answer, by tenant,
 * endpoint, method and status ({@code scim.requests}), and the part of it the gateway itself adds, the
 * whole minus the forwarded call ({@code scim.gateway.overhead}, p50 and p99). Endpoints are the SCIM
 * ones by name; any other path counts as {@code other}, so clients cannot mint new series.
 */
@Component
@Order(BearerTokenFilter.ORDER - 1)
public class ScimRequestMetrics extends OncePerRequestFilter {

    /** Set by the forwarder: nanoseconds spent in the call to the service. */
    public static final String UPSTREAM_NANOS_ATTRIBUTE = "eventscim.upstreamNanos";

    private static final Map<String, String> ENDPOINTS = Map.of(
            "users", "Users", "groups", "Groups", "bulk", "Bulk", "me", "Me", "schemas", "Schemas",
            "resourcetypes", "ResourceTypes", "serviceproviderconfig", "ServiceProviderConfig", ".search", ".search");

    private final MeterRegistry meters;
    private final Timer overhead;

    ScimRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.overhead = Timer.builder("scim.gateway.overhead")
                .description("Time a forwarded request spends in the gateway: authentication, rate limit, signing, relaying")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/scim/v2");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long elapsed = System.nanoTime() - started;
            AuthenticatedClient client = (AuthenticatedClient) request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE);
            Timer.builder("scim.requests")
                    .description("SCIM requests through the gateway")
                    .tag("tenant", client == null ? "none" : client.tenantId())
                    .tag("endpoint", endpoint(request.getRequestURI()))
                    .tag("method", request.getMethod())
                    .tag("status", Integer.toString(response.getStatus()))
                    .register(meters)
                    .record(elapsed, TimeUnit.NANOSECONDS);
            if (request.getAttribute(UPSTREAM_NANOS_ATTRIBUTE) instanceof Long upstream) {
                overhead.record(elapsed - upstream, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The first path segment after the base (and after a tenant segment) that names a SCIM endpoint. */
    static String endpoint(String requestUri) {
        String[] segments = requestUri.substring("/scim/v2".length()).split("/");
        for (int i = 1; i < segments.length && i <= 2; i++) {
            String endpoint = ENDPOINTS.get(segments[i].toLowerCase(Locale.ROOT));
            if (endpoint != null) {
                return endpoint;
            }
        }
        return "other";
    }
}
