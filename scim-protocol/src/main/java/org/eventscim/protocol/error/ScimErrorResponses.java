package org.eventscim.protocol.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eventscim.protocol.ScimMediaType;
import org.springframework.http.ResponseEntity;

/** Builds and writes SCIM error responses, for controllers and for servlet filters alike. */
public final class ScimErrorResponses {

    private ScimErrorResponses() {
    }

    public static ResponseEntity<ScimError> entity(ScimException failure) {
        return ResponseEntity.status(failure.status())
                .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                .body(failure.toBody());
    }

    /** For filters, which run before (or without) Spring MVC's message converters. */
    public static void write(HttpServletResponse response, ObjectMapper json, ScimException failure)
            throws IOException {
        response.setStatus(failure.status().value());
        response.setContentType(ScimMediaType.APPLICATION_SCIM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), failure.toBody());
    }
}
