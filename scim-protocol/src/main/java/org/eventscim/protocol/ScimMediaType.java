package org.eventscim.protocol;

import org.springframework.http.MediaType;

/** The SCIM media type (RFC 7644 §3.1); plain {@code application/json} is accepted as well. */
public final class ScimMediaType {

    public static final String APPLICATION_SCIM_JSON_VALUE = "application/scim+json";
    public static final MediaType APPLICATION_SCIM_JSON = MediaType.parseMediaType(APPLICATION_SCIM_JSON_VALUE);

    private ScimMediaType() {
    }
}
