package org.eventscim.events;

import java.util.Map;
import java.util.Optional;
import org.eventscim.events.credential.AuditDataRead;
import org.eventscim.events.credential.AuthenticationThrottled;
import org.eventscim.events.credential.TenantCreated;
import org.eventscim.events.credential.TokenIssued;
import org.eventscim.events.credential.TokenRevoked;
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

    private static final Map<String, Class<?>> BY_NAME = Map.ofEntries(
            Map.entry("UserCreated", UserCreated.class),
            Map.entry("UserChanged", UserChanged.class),
            Map.entry("UserPasswordChanged", UserPasswordChanged.class),
            Map.entry("UserDeleted", UserDeleted.class),
            Map.entry("GroupCreated", GroupCreated.class),
            Map.entry("GroupChanged", GroupChanged.class),
            Map.entry("GroupMembersAdded", GroupMembersAdded.class),
            Map.entry("GroupMembersRemoved", GroupMembersRemoved.class),
            Map.entry("GroupDeleted", GroupDeleted.class),
            Map.entry("TenantCreated", TenantCreated.class),
            Map.entry("TokenIssued", TokenIssued.class),
            Map.entry("TokenRevoked", TokenRevoked.class),
            Map.entry("AuthenticationThrottled", AuthenticationThrottled.class),
            Map.entry("AuditDataRead", AuditDataRead.class));

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
