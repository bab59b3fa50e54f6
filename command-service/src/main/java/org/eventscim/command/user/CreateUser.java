package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a user with validated SCIM attributes; {@code userName} is one of them, repeated for the claim.
 * The cleartext password (or null) lives only in this in-memory command; what is stored is its hash.
 */
public record CreateUser(@TargetAggregateIdentifier String userId, String tenantId, String userName,
                         ObjectNode attributes, String password) {

    @Override
    public String toString() {
        return "CreateUser[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
