package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.group.GroupChanged;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;

/**
 * The groups and memberships read models as a pure function: (current group document or none, event) →
 * {@link GroupProjection}. Every group event, membership events included, is a new version of the group,
 * so the group document's version says which events its memberships already reflect: an event not newer
 * than the document (a duplicate or a late redelivery) changes neither, which keeps membership writes,
 * unversioned themselves, idempotent under redelivery and replay.
 */
public final class GroupProjector {

    public static final String RESOURCE_TYPE = "Group";

    private static final Set<String> HANDLED = Set.of("GroupCreated", "GroupChanged", "GroupMembersAdded",
            "GroupMembersRemoved", "GroupDeleted");

    /** Never part of the stored attributes: rendered by the read side, or (members) their own read model. */
    private static final List<String> RENDERED_ATTRIBUTES = List.of("id", "meta", "schemas", "members");

    private GroupProjector() {
    }

    /** Whether this projector reads the event at all. */
    public static boolean handles(EventEnvelope event) {
        return RESOURCE_TYPE.equals(event.resourceType()) && HANDLED.contains(event.eventType());
    }

    /**
     * @param current the stored group document, null if there is none; needed for every event, since
     *                only its version tells whether the event's membership changes are already applied
     */
    public static GroupProjection project(ResourceDocument current, EventEnvelope event) {
        if (!handles(event) || (current != null && current.version() >= event.version())) {
            return GroupProjection.unchanged(current);
        }
        String tenant = event.metadata().tenantId();
        return switch (event.eventType()) {
            case "GroupCreated" -> GroupProjection.of(ResourceDocument.live(tenant, event.resourceId(),
                    event.version(), event.timestamp(), event.timestamp(), EventPayloads.attributes(
                            EventPayloads.read(event, GroupCreated.class).attributes(), RENDERED_ATTRIBUTES)));
            case "GroupChanged" -> changed(current, event);
            case "GroupMembersAdded" -> membersChanged(current, event,
                    EventPayloads.read(event, GroupMembersAdded.class).members(), true);
            case "GroupMembersRemoved" -> membersChanged(current, event,
                    EventPayloads.read(event, GroupMembersRemoved.class).members(), false);
            case "GroupDeleted" -> new GroupProjection(ResourceDocument.tombstone(tenant, event.resourceId(),
                    event.version(), current == null ? null : current.created(), event.timestamp()),
                    List.of(), List.of(), true);
            default -> GroupProjection.unchanged(current);
        };
    }

    /** A change applies to the live group it follows; without one (or on a tombstone) there is nothing to change. */
    private static GroupProjection changed(ResourceDocument current, EventEnvelope event) {
        if (!UserProjector.follows(current, event)) {
            return GroupProjection.unchanged(current);
        }
        ObjectNode attributes = current.attributes().deepCopy();
        AttributeChange.applyAll(attributes, EventPayloads.read(event, GroupChanged.class).changes());
        attributes.remove(RENDERED_ATTRIBUTES);
        return GroupProjection.of(ResourceDocument.live(current.tenant(), current.resourceId(), event.version(),
                current.created(), event.timestamp(), attributes));
    }

    /** The group gets a new version and lastModified (its meta.version covers its members); the memberships change. */
    private static GroupProjection membersChanged(ResourceDocument current, EventEnvelope event,
                                                  List<GroupMember> members, boolean added) {
        if (!UserProjector.follows(current, event)) {
            return GroupProjection.unchanged(current);
        }
        ResourceDocument touched = ResourceDocument.live(current.tenant(), current.resourceId(), event.version(),
                current.created(), event.timestamp(), current.attributes());
        List<MembershipDocument> memberships = members.stream()
                .map(member -> new MembershipDocument(current.tenant(), current.resourceId(), member.value(),
                        member.type()))
                .toList();
        return new GroupProjection(touched, added ? memberships : List.of(), added ? List.of() : memberships, false);
    }
}
