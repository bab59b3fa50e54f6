package org.eventscim.events;

import java.util.Map;
import java.util.Optional;
import org.eventscim.events.group.GroupChanged;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.events.user.UserPasswordChanged;

/** The stable wire names of event types and the record class behind each. */
public final class EventTypes {

    private static final Map<String, Class<?>> BY_NAME = Map.of(
            "UserCreated", UserCreated.class,
            "UserChanged", UserChanged.class,
            "UserPasswordChanged", UserPasswordChanged.class,
            "UserDeleted", UserDeleted.class,
            "GroupCreated", GroupCreated.class,
            "GroupChanged", GroupChanged.class,
            "GroupMembersAdded", GroupMembersAdded.class,
            "GroupMembersRemoved", GroupMembersRemoved.class,
            "GroupDeleted", GroupDeleted.class);

    private EventTypes() {
    }

    /** The wire name of a stored payload type (a class name): its simple name, unique across the contract. */
    public static String nameOfStoredType(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
