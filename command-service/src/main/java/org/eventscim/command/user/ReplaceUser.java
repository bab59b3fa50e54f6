package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace all of a user's writable attributes (PUT): absent ones are cleared.
 *
 * @param expectedVersion the version the client's If-Match names, or null to write whatever the version
 */
public record ReplaceUser(@TargetAggregateIdentifier String userId, String tenantId, Long expectedVersion,
                          ObjectNode attributes) {
}
