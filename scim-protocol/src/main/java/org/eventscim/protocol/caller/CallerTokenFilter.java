package org.eventscim.protocol.caller;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eventscim.protocol.error.ScimErrorResponses;
import org.eventscim.protocol.error.ScimException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Rejects every SCIM or internal request that does not carry a valid caller token from the gateway. */
public class CallerTokenFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Caller.class.getName();

    private final CallerTokenCodec codec;
    private final ObjectMapper json;

    public CallerTokenFilter(CallerTokenCodec codec, ObjectMapper json) {
        this.codec = codec;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/scim/") || path.startsWith("/internal/") || path.startsWith("/audit/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = codec.verify(request.getHeader(Caller.HEADER));
        } catch (ScimException rejected) {
            ScimErrorResponses.write(response, json, rejected);
            return;
        }
        request.setAttribute(ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }
}
