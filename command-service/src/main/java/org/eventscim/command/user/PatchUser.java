package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

/**
 * Apply a SCIM PATCH request (RFC 7644 §3.5.2) to a user, as the client sent it.
 *
 * @param ifMatch         the versions the client's If-Match accepts, or null to write whatever the version
 */
public record PatchUser(@TargetAggregateIdentifier String userId, String tenantId, IfMatch ifMatch,
                        JsonNode patchRequest) {

    /** The request may carry a cleartext password: never print it. */
    @Override
    public String toString() {
        return "PatchUser[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
