package org.eventscim.events.group;

import java.util.List;

/** These members joined the group; each was not a member before. A delta, never the whole member list. */
public record GroupMembersAdded(String groupId, List<GroupMember> members) {

    public GroupMembersAdded {
        members = List.copyOf(members);
    }
}
