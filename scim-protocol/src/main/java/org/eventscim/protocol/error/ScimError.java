package org.eventscim.protocol.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;

/** A SCIM error body (RFC 7644 §3.12); {@code status} is a string, as the RFC's examples show. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimError(List<String> schemas, String status, String scimType, String detail) {

    public static ScimError of(int status, String scimType, String detail) {
        return new ScimError(List.of(ScimSchemas.ERROR), Integer.toString(status), scimType, detail);
    }
}
