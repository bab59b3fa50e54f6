package org.eventscim.protocol.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What RFC 7644 lets a service provider leave out answers 501 Not Implemented, as the RFC asks: {@code /Me}
 * (§3.11), as callers authenticate as clients, not as users; and queries at the root of the base URL across all
 * resource types (§3.4.2.1, §3.4.3), as an IdP queries /Users or /Groups.
 */
@RestController
public class UnsupportedEndpoints {

    @RequestMapping({"/scim/v2/Me", "/scim/v2/Me/**"})
    void notImplemented(HttpServletRequest request) {
        throw new ScimException(HttpStatus.NOT_IMPLEMENTED, null,
                request.getRequestURI().substring("/scim/v2".length()) + " is not supported by this service provider.");
    }

    @GetMapping({"/scim/v2", "/scim/v2/"})
    void rootQuery() {
        throw rootQueries();
    }

    @PostMapping("/scim/v2/.search")
    void rootSearch() {
        throw rootQueries();
    }

    private static ScimException rootQueries() {
        return new ScimException(HttpStatus.NOT_IMPLEMENTED, null,
                "Queries across all resource types are not supported by this service provider; query /Users or /Groups.");
    }
}
