package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.query.index.ResourceDocument;

/**
 * The users read model as a pure function: (current document or none, event) → new document. An event
 * that is not newer than the document (a duplicate or a late redelivery) leaves it as it is, so replays
 * are harmless even before Elasticsearch's external versioning double-checks the same thing.
 */
public final class UserProjector {

    public static final String RESOURCE_TYPE = "User";

    private static final Set<String> HANDLED = Set.of("UserCreated", "UserChanged", "UserPasswordChanged", "UserDeleted");

    /**
     * Never part of the stored attributes: the read side renders id, meta and schemas itself, and derives
     * groups from the memberships read model.
     */
    private static final List<String> RENDERED_ATTRIBUTES = List.of("id", "meta", "schemas", "password", "groups");

    private UserProjector() {
    }

    /** Whether this projector reads the event at all. */
    public static boolean handles(EventEnvelope event) {
        return RESOURCE_TYPE.equals(event.resourceType())
                && HANDLED.contains(event.eventType());
    }

    /**
     * @param current the stored document, null if there is none
     * @return the document after {@code event}; {@code current} itself (possibly null) when nothing changes
     */
    public static ResourceDocument project(ResourceDocument current, EventEnvelope event) {
        if (!handles(event) || (current != null && current.version() >= event.version())) {
            return current;
        }
        String tenant = event.metadata().tenantId();
        return switch (event.eventType()) {
            case "UserCreated" -> ResourceDocument.live(tenant, event.resourceId(), event.version(),
                    event.timestamp(), event.timestamp(),
                    EventPayloads.attributes(EventPayloads.read(event, UserCreated.class).attributes(), RENDERED_ATTRIBUTES));
            case "UserChanged" -> changed(current, event);
            // The hash stays on the command side; the read side only learns that a new version exists.
            case "UserPasswordChanged" -> touched(current, event);
            case "UserDeleted" -> ResourceDocument.tombstone(tenant, event.resourceId(), event.version(),
                    current == null ? null : current.created(), event.timestamp());
            default -> current;
        };
    }

    /** A change applies to the live document it follows; without one (or on a tombstone) there is nothing to change. */
    private static ResourceDocument changed(ResourceDocument current, EventEnvelope event) {
        if (!follows(current, event)) {
            return current;
        }
        ObjectNode attributes = current.attributes().deepCopy();
        AttributeChange.applyAll(attributes, EventPayloads.read(event, UserChanged.class).changes());
        attributes.remove(RENDERED_ATTRIBUTES);
        return ResourceDocument.live(current.tenant(), current.resourceId(), event.version(), current.created(),
                event.timestamp(), attributes);
    }

    private static ResourceDocument touched(ResourceDocument current, EventEnvelope event) {
        if (!follows(current, event)) {
            return current;
        }
        return ResourceDocument.live(current.tenant(), current.resourceId(), event.version(), current.created(),
                event.timestamp(), current.attributes());
    }

    /**
     * A change is a delta: it applies only to the live version right before it. One that arrives early (the
     * publisher, after a failed send, sends again from its last acknowledged position, so a later event can
     * reach Kafka before an earlier one) waits for that resend instead of skipping the change in between.
     */
    static boolean follows(ResourceDocument current, EventEnvelope event) {
        return current != null && !current.deleted() && event.version() == current.version() + 1;
    }
}
