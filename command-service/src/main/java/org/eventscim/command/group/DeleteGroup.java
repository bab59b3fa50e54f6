package org.eventscim.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteGroup(@TargetAggregateIdentifier String groupId, String tenantId, Long expectedVersion) {
}
