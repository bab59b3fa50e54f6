package org.eventscim.protocol.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /Me} (RFC 7644 §3.11) answers 501 Not Implemented, as the RFC asks of a service provider that
 * does not offer it: callers authenticate as clients, not as users.
 */
@RestController
public class UnsupportedEndpoints {

    @RequestMapping({"/scim/v2/Me", "/scim/v2/Me/**"})
    void notImplemented(HttpServletRequest request) {
        throw new ScimException(HttpStatus.NOT_IMPLEMENTED, null,
                request.getRequestURI().substring("/scim/v2".length()) + " is not supported by this service provider.");
    }
}
