package org.eventscim.protocol.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one mapper from exceptions raised while handling a request to SCIM error bodies. */
@RestControllerAdvice
public class ScimErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ScimErrorAdvice.class);

    @ExceptionHandler(ScimException.class)
    ResponseEntity<ScimError> scim(ScimException failure) {
        return ScimErrorResponses.entity(failure);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ScimError> unreadable(HttpMessageNotReadableException failure) {
        return ScimErrorResponses.entity(ScimException.invalidSyntax("The request body is not valid JSON."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ScimError> unsupportedMediaType(HttpMediaTypeNotSupportedException failure) {
        return ScimErrorResponses.entity(new ScimException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null,
                "Content-Type must be application/scim+json or application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ScimError> notAcceptable(HttpMediaTypeNotAcceptableException failure) {
        return ScimErrorResponses.entity(new ScimException(HttpStatus.NOT_ACCEPTABLE, null,
                "Responses are application/scim+json or application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ScimError> methodNotAllowed(HttpRequestMethodNotSupportedException failure) {
        return ScimErrorResponses.entity(new ScimException(HttpStatus.METHOD_NOT_ALLOWED, null,
                "Method " + failure.getMethod() + " is not supported here."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ScimError> noEndpoint(NoResourceFoundException failure) {
        return ScimErrorResponses.entity(ScimException.notFound("No such endpoint."));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ScimError> badParameter(Exception failure) {
        return ScimErrorResponses.entity(ScimException.invalidValue(failure.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ScimError> unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        return ScimErrorResponses.entity(new ScimException(HttpStatus.INTERNAL_SERVER_ERROR, null,
                "Internal error; the request was not applied."));
    }
}
