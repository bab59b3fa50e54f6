package org.eventscim.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member of the group (a user or a group) is being deleted; its membership ends with it. */
public record RemoveDeletedMember(@TargetAggregateIdentifier String groupId, String tenantId, String memberId) {
}
