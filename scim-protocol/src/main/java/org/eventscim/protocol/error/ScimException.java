package org.eventscim.protocol.error;

import org.springframework.http.HttpStatus;

/** A request failure that becomes a SCIM error body with this status, scimType and detail. */
public class ScimException extends RuntimeException {

    private final HttpStatus status;
    private final String scimType;

    public ScimException(HttpStatus status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimException notFound(String detail) {
        return new ScimException(HttpStatus.NOT_FOUND, null, detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidValue", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidSyntax", detail);
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidFilter", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(HttpStatus.CONFLICT, "uniqueness", detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(HttpStatus.UNAUTHORIZED, null, detail);
    }

    public static ScimException forbidden(String detail) {
        return new ScimException(HttpStatus.FORBIDDEN, null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    public ScimError toBody() {
        return ScimError.of(status.value(), scimType, getMessage());
    }
}
