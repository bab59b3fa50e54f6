package org.eventscim.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

/** Delete a user of the caller's tenant. */
public record DeleteUser(@TargetAggregateIdentifier String userId, String tenantId, IfMatch ifMatch) {
}
