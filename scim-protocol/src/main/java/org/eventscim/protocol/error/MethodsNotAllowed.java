package org.eventscim.protocol.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * 405 with the {@code Allow} header RFC 9110 §15.5.6 requires, for each SCIM endpoint and the methods it does not
 * support. The gateway sends reads to the query-service and writes to the command-service, so neither service
 * alone knows everything an endpoint allows (the command-service would answer {@code PATCH /Users} with
 * {@code Allow: POST}); this one table, loaded by both, does.
 */
@RestController
public class MethodsNotAllowed {

    @RequestMapping(path = {"/scim/v2/Users", "/scim/v2/Groups"},
            method = {RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<ScimError> resources(HttpServletRequest request) {
        return refused(request, HttpMethod.GET, HttpMethod.POST);
    }

    /** Not {@code .search}, which is a POST the gateway forwards as any other (its own mapping is the broadest). */
    @RequestMapping(path = {"/scim/v2/Users/{id:(?!\\.search$).+}", "/scim/v2/Groups/{id:(?!\\.search$).+}"},
            method = RequestMethod.POST)
    ResponseEntity<ScimError> resource(HttpServletRequest request) {
        return refused(request, HttpMethod.GET, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    }

    @RequestMapping(path = {"/scim/v2/ServiceProviderConfig", "/scim/v2/Schemas", "/scim/v2/Schemas/{id}",
            "/scim/v2/ResourceTypes", "/scim/v2/ResourceTypes/{name}"},
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<ScimError> discovery(HttpServletRequest request) {
        return refused(request, HttpMethod.GET);
    }

    @RequestMapping(path = "/scim/v2/Bulk", method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    ResponseEntity<ScimError> bulk(HttpServletRequest request) {
        return refused(request, HttpMethod.POST);
    }

    private static ResponseEntity<ScimError> refused(HttpServletRequest request, HttpMethod... allowed) {
        ResponseEntity<ScimError> error = ScimErrorResponses.entity(new ScimException(HttpStatus.METHOD_NOT_ALLOWED, null,
                request.getMethod() + " is not supported on " + request.getRequestURI().substring("/scim/v2".length()) + "."));
        return ResponseEntity.status(error.getStatusCode()).headers(error.getHeaders()).allow(allowed).body(error.getBody());
    }
}
