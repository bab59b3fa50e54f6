package org.eventscim.command.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

/**
 * PUT: the group's attributes and its whole member list become these.
 *
 * @param ifMatch         the versions the client's If-Match accepts, or null to write whatever the version
 */
public record ReplaceGroup(@TargetAggregateIdentifier String groupId, String tenantId, IfMatch ifMatch,
                           ObjectNode attributes, List<String> memberIds) {
}
