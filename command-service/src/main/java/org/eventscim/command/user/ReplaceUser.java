package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eventscim.command.resource.IfMatch;

/**
 * Replace all of a user's writable attributes (PUT): absent ones are cleared.
 *
 * @param ifMatch         the versions the client's If-Match accepts, or null to write whatever the version
 * @param password        the cleartext password the body set, or null; only its hash is ever stored
 */
public record ReplaceUser(@TargetAggregateIdentifier String userId, String tenantId, IfMatch ifMatch,
                          ObjectNode attributes, String password) {

    @Override
    public String toString() {
        return "ReplaceUser[userId=" + userId + ", tenantId=" + tenantId + "]";
    }
}
