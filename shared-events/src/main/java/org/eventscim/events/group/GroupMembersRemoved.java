package org.eventscim.events.group;

import java.util.List;

/**
 * These members left the group (removed by a client, or deleted themselves); each was a member before.
 * A delta, never the whole member list.
 */
public record GroupMembersRemoved(String groupId, List<GroupMember> members) {

    public GroupMembersRemoved {
        members = List.copyOf(members);
    }
}
