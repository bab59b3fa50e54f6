package org.eventscim.protocol.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints RFC 7644 defines that this service does not offer answer 501 Not Implemented, as §3.11 asks
 * for {@code /Me} (callers authenticate as clients, not as users); {@code /Bulk} is advertised as
 * unsupported in ServiceProviderConfig and answers the same, rather than a 404 that reads like a typo.
 */
@RestController
public class UnsupportedEndpoints {

    @RequestMapping({"/scim/v2/Me", "/scim/v2/Me/**", "/scim/v2/Bulk"})
    void notImplemented(HttpServletRequest request) {
        throw new ScimException(HttpStatus.NOT_IMPLEMENTED, null,
                request.getRequestURI().substring("/scim/v2".length()) + " is not supported by this service provider.");
    }
}
