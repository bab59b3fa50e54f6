package org.eventscim.protocol.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eventscim.protocol.ScimMediaType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Builds and writes SCIM error responses, for controllers and for servlet filters alike. A 503 (a server
 * behind the service is down) carries {@code Retry-After}, so a client backs off instead of giving up.
 */
public final class ScimErrorResponses {

    /** Seconds a client should wait before retrying a 503: about what a restarted server takes to answer. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private ScimErrorResponses() {
    }

    public static ResponseEntity<ScimError> entity(ScimException failure) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.status())
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON);
        if (failure.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.body(failure.toBody());
    }

    /** For filters, which run before (or without) Spring MVC's message converters. */
    public static void write(HttpServletResponse response, ObjectMapper json, ScimException failure)
            throws IOException {
        response.setStatus(failure.status().value());
        response.setContentType(ScimMediaType.APPLICATION_SCIM_JSON_VALUE);
        if (failure.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        json.writeValue(response.getOutputStream(), failure.toBody());
    }
}
