package org.eventscim.events.user;

import java.util.List;
import org.eventscim.events.AttributeChange;

/** Some of a user's attributes changed (by PUT or PATCH); only the attributes that really changed are listed. */
public record UserChanged(String userId, List<AttributeChange> changes) {

    public UserChanged {
        changes = List.copyOf(changes);
    }
}
