package org.eventscim.command.group;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

/**
 * Apply a SCIM PATCH request (RFC 7644 §3.5.2) to a group, as the client sent it.
 *
 * @param ifMatch         the versions the client's If-Match accepts, or null to write whatever the version
 */
public record PatchGroup(@TargetAggregateIdentifier String groupId, String tenantId, IfMatch ifMatch,
                         JsonNode patchRequest) {
}
