package org.eventscim.events.group;

import java.util.List;
import org.eventscim.events.AttributeChange;

/** Some of a group's own attributes (not its members) changed; only what really changed is listed. */
public record GroupChanged(String groupId, List<AttributeChange> changes) {

    public GroupChanged {
        changes = List.copyOf(changes);
    }
}
