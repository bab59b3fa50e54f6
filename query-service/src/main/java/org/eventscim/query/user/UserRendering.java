package org.eventscim.query.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.ResourceDocument;

/** A user document as SCIM JSON, for the present ({@code GET /Users/{id}}) and the past (the audit API) alike. */
public final class UserRendering {

    private static final String GROUPS = "groups";

    private UserRendering() {
    }

    /** @param groups the user's derived {@code groups}; null when there are none or they are not returned */
    public static ObjectNode render(ResourceDocument user, ArrayNode groups, String baseUrl) {
        ObjectNode resource = ScimResources.user(user.resourceId(), user.attributes(), user.created(),
                user.lastModified(), user.version(), baseUrl);
        if (groups != null) {
            // Derived, never stored; an empty list is omitted (RFC 7643 §2.5). Before meta, as RFC 7643 shows it.
            JsonNode meta = resource.remove("meta");
            resource.set(GROUPS, groups);
            resource.set("meta", meta);
        }
        return resource;
    }
}
