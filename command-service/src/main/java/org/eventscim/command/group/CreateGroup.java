package org.eventscim.command.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a group with validated attributes (members taken out) and the ids of its first members. */
public record CreateGroup(@TargetAggregateIdentifier String groupId, String tenantId, ObjectNode attributes,
                          List<String> memberIds) {
}
