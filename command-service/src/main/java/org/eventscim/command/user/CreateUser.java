package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a user with validated SCIM attributes; {@code userName} is one of them, repeated for the claim.
 * The password arrives hashed (or null): hashing takes tens of milliseconds, which is not spent inside the
 * command's transaction, and the two events of a creation get the same time.
 */
public record CreateUser(@TargetAggregateIdentifier String userId, String tenantId, String userName,
                         ObjectNode attributes, String passwordHash) {

    @Override
    public String toString() {
        return "CreateUser[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
