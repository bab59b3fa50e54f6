package org.eventscim.command.group;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A group as a command left it: its own attributes (members live in {@link GroupMemberships}) and version.
 *
 * @param appended whether the command appended events; a write that changes nothing appends none
 */
public record GroupState(String groupId, String tenantId, ObjectNode attributes, Instant created, Instant lastModified,
                         long version, boolean appended) {
}
