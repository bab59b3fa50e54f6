package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A user as it stands after a command: what the write's response shows.
 *
 * @param appended whether the command appended events; a write that changes nothing appends none
 */
public record UserState(String userId, String tenantId, ObjectNode attributes, Instant created,
                        Instant lastModified, long version, boolean appended) {
}
