package org.eventscim.events.group;

/**
 * A group was deleted; its history stays in the event store. Its remaining memberships end with it,
 * and its memberships in other groups were removed by {@link GroupMembersRemoved} events before.
 */
public record GroupDeleted(String groupId) {
}
