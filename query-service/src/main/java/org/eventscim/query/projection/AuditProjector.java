package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupChanged;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.query.index.AuditDocument;

/**
 * The audit read model as a pure function: event → its {@link AuditDocument}, with the attribute-level
 * changes it made. Every event becomes one, whatever its type: the trail leaves nothing out.
 */
public final class AuditProjector {

    static final String PASSWORD = "password";
    private static final String URN_PREFIX = "urn:";
    /** What creation events never carry as attributes, and the read side renders itself. */
    private static final Set<String> RENDERED = Set.of("id", "meta", "schemas", PASSWORD, "groups", "members");
    /** The password hash stays in the event store: the trail says a password was set, not what it hashes to. */
    private static final String PASSWORD_HASH = "passwordHash";

    private AuditProjector() {
    }

    public static AuditDocument document(EventEnvelope event) {
        EventMetadata metadata = event.metadata();
        StreamPosition position = event.position() != null ? event.position() : StreamPosition.START;
        List<AttributeChange> changes = List.of();
        List<GroupMember> added = List.of();
        List<GroupMember> removed = List.of();
        try {
            switch (event.eventType()) {
                case "UserCreated", "GroupCreated" -> changes = created(event.payload().path("attributes"));
                case "UserChanged" -> changes = EventPayloads.read(event, UserChanged.class).changes();
                case "GroupChanged" -> changes = EventPayloads.read(event, GroupChanged.class).changes();
                case "UserPasswordChanged" -> changes = List.of(new AttributeChange(PASSWORD, null, null));
                case "GroupMembersAdded" -> added = EventPayloads.read(event, GroupMembersAdded.class).members();
                case "GroupMembersRemoved" -> removed = EventPayloads.read(event, GroupMembersRemoved.class).members();
                default -> {
                    // Deletions and credential events change no attributes; their payload says it all.
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // The event is still part of the trail, with its raw payload; only its changes are unknown.
        }
        return new AuditDocument(event.eventId(), metadata.tenantId(), event.resourceType(), event.resourceId(),
                event.version(), event.eventType(), event.timestamp(), position.transactionId(), position.globalIndex(),
                metadata.actorId(), metadata.actorName(), metadata.sourceIp(), metadata.userAgent(),
                metadata.requestId(), metadata.bulkOperation(), changes, added, removed, payload(event));
    }

    /**
     * A creation as changes from nothing: one per core attribute, and one per extension attribute named
     * {@code <schema URN>:<name>} as {@link AttributeChange} names them, so applying them rebuilds the resource.
     */
    static List<AttributeChange> created(JsonNode attributes) {
        List<AttributeChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            String name = attribute.getKey();
            if (RENDERED.contains(name)) {
                continue;
            }
            if (name.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length()) && attribute.getValue().isObject()) {
                attribute.getValue().properties().forEach(extension -> changes.add(
                        new AttributeChange(name + ":" + extension.getKey(), null, extension.getValue())));
            } else {
                changes.add(new AttributeChange(name, null, attribute.getValue()));
            }
        }
        return changes;
    }

    private static JsonNode payload(EventEnvelope event) {
        if (event.payload() instanceof ObjectNode object && object.has(PASSWORD_HASH)) {
            ObjectNode redacted = object.deepCopy();
            redacted.remove(PASSWORD_HASH);
            return redacted;
        }
        return event.payload();
    }
}
