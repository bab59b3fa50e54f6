package org.eventscim.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eventscim.events.credential.AuthenticationThrottled;
import org.eventscim.gateway.audit.CredentialActor;
import org.eventscim.gateway.audit.CredentialAudit;
import org.eventscim.gateway.bootstrap.BootstrapProperties;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimErrorResponses;
import org.eventscim.protocol.error.ScimException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every SCIM, audit and admin request needs a valid bearer token; otherwise 401 with a SCIM error body. A source
 * that keeps presenting wrong tokens gets 429 for the rest of the minute instead (see
 * {@link FailedAuthentications}). The actuator, health aside, is the operator's: its metrics name every tenant,
 * so it takes an {@code admin} token of the operator's tenant (403 for any other token).
 */
@Component
@Order(BearerTokenFilter.ORDER)
public class BearerTokenFilter extends OncePerRequestFilter {

    /** Runs first among the gateway's filters; the rate limit needs to know the tenant. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    /** The request attribute holding the {@link AuthenticatedClient}; a constant, so handlers can name it. */
    public static final String CLIENT_ATTRIBUTE = "eventscim.authenticatedClient";
    private static final String BEARER = "bearer ";
    private static final String ACTUATOR = "/actuator";
    private static final String HEALTH = ACTUATOR + "/health";

    private final ApiTokens tokens;
    private final JwtBearerTokens jwts;
    private final FailedAuthentications failures;
    private final CredentialAudit audit;
    private final String operatorTenant;
    private final ObjectMapper json;

    BearerTokenFilter(ApiTokens tokens, JwtBearerTokens jwts, FailedAuthentications failures, CredentialAudit audit,
                      BootstrapProperties bootstrap, ObjectMapper json) {
        this.tokens = tokens;
        this.jwts = jwts;
        this.failures = failures;
        this.audit = audit;
        this.operatorTenant = bootstrap.tenant();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/scim/") || path.startsWith("/audit/") || path.startsWith("/admin/")
                || isOperatorsActuator(path));
    }

    private static boolean isOperatorsActuator(String path) {
        return (path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/"))
                && !(path.equals(HEALTH) || path.startsWith(HEALTH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getRemoteAddr();
        long wait = failures.secondsUntilAllowed(source);
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            ScimErrorResponses.write(response, json, new ScimException(HttpStatus.TOO_MANY_REQUESTS, null,
                    "Too many failed authentications from this address; retry after " + wait + " s."));
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<AuthenticatedClient> client = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authenticate(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (client.isEmpty()) {
            if (header != null && failures.recordAndCheckThrottled(source)) {
                // A wrong token names no tenant: the burst is the operator's to see.
                audit.record(operatorTenant, new AuthenticationThrottled(source, failures.perMinute()),
                        CredentialActor.system(request));
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
            ScimErrorResponses.write(response, json, ScimException.unauthorized(header == null
                    ? "A bearer token is required." : "The bearer token is not valid."));
            return;
        }
        if (isOperatorsActuator(request.getRequestURI()) && !isOperatorAdmin(client.get())) {
            ScimErrorResponses.write(response, json, ScimException.forbidden(
                    "Only an admin token of the operator's tenant (" + operatorTenant + ") reads the actuator."));
            return;
        }
        request.setAttribute(CLIENT_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }

    private boolean isOperatorAdmin(AuthenticatedClient client) {
        return client.tenantId().equals(operatorTenant) && client.hasScope(Scopes.ADMIN);
    }

    private Optional<AuthenticatedClient> authenticate(String token) {
        return jwts.handles(token) ? jwts.authenticate(token) : tokens.authenticate(token);
    }
}
