package org.eventscim.protocol.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Replaces Spring Boot's whitelabel {@code /error} so failures outside controllers are SCIM bodies too. */
@RestController
public class ScimErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ScimError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = status.is5xxServerError() ? "Internal error; the request was not applied." : status.getReasonPhrase();
        return ScimErrorResponses.entity(new ScimException(status, null, detail));
    }
}
