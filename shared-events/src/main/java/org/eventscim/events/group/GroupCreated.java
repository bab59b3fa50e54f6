package org.eventscim.events.group;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A group was created in a tenant with these SCIM attributes ({@code displayName}, {@code externalId}):
 * never {@code id}, {@code meta}, {@code schemas} or {@code members}; members given at creation follow
 * as a {@link GroupMembersAdded} in the same transaction.
 */
public record GroupCreated(String groupId, String tenantId, ObjectNode attributes) {
}
