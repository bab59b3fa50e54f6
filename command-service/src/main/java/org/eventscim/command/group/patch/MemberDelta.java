package org.eventscim.command.group.patch;

import java.util.List;

/**
 * What a write really changes in a group's membership: ids to add that are not members, and members to
 * remove. Adding a member twice or removing an absent one is no change, so it is not in here.
 */
public record MemberDelta(List<String> added, List<String> removed) {

    public MemberDelta {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
