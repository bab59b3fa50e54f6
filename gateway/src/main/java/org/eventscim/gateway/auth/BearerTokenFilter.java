package org.eventscim.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.eventscim.protocol.error.ScimErrorResponses;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every SCIM request needs a valid bearer token; otherwise 401 with a SCIM error body. */
@Component
public class BearerTokenFilter extends OncePerRequestFilter {

    public static final String CLIENT_ATTRIBUTE = AuthenticatedClient.class.getName();
    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;
    private final ObjectMapper json;

    BearerTokenFilter(ApiTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/scim/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<AuthenticatedClient> client = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.authenticate(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (client.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"scim\"");
            ScimErrorResponses.write(response, json, ScimException.unauthorized(header == null
                    ? "A bearer token is required." : "The bearer token is not valid."));
            return;
        }
        request.setAttribute(CLIENT_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }
}
