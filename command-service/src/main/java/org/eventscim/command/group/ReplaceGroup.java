package org.eventscim.command.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * PUT: the group's attributes and its whole member list become these.
 *
 * @param expectedVersion the version the client's If-Match names, or null to write whatever the version
 */
public record ReplaceGroup(@TargetAggregateIdentifier String groupId, String tenantId, Long expectedVersion,
                           ObjectNode attributes, List<String> memberIds) {
}
