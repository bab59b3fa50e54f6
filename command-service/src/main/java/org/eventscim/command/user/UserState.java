package org.eventscim.command.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A user as it stands after a command: what the write's response shows. */
public record UserState(String userId, String tenantId, ObjectNode attributes, Instant created,
                        Instant lastModified, long version) {
}
