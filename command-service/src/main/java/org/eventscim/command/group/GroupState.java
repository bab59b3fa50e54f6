package org.eventscim.command.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A group as a command left it: its own attributes (members live in {@link GroupMemberships}) and version. */
public record GroupState(String groupId, String tenantId, ObjectNode attributes, Instant created, Instant lastModified,
                         long version) {
}
