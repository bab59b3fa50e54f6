package org.eventscim.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

public record DeleteGroup(@TargetAggregateIdentifier String groupId, String tenantId, IfMatch ifMatch) {
}
