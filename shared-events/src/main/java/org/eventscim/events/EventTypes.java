package org.eventscim.events;

import java.util.Map;
import java.util.Optional;
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
            "UserDeleted", UserDeleted.class);

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
