package org.eventscim.command.group;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Apply a SCIM PATCH request (RFC 7644 §3.5.2) to a group, as the client sent it.
 *
 * @param expectedVersion the version the client's If-Match names, or null to write whatever the version
 */
public record PatchGroup(@TargetAggregateIdentifier String groupId, String tenantId, Long expectedVersion,
                         JsonNode patchRequest) {
}
