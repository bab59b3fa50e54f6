package org.eventscim.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a user of the caller's tenant. */
public record DeleteUser(@TargetAggregateIdentifier String userId, String tenantId, Long expectedVersion) {
}
