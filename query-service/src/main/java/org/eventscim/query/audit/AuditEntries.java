package org.eventscim.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.group.GroupMember;
import org.eventscim.query.index.AuditDocument;

/**
 * How an event of the audit trail is shown: one JSON object (histories, searches, JSON Lines export) or
 * one CSV record (RFC 4180) with the same fields, nested ones as JSON text.
 */
final class AuditEntries {

    static final String CSV_HEADER = String.join(",", "position", "eventId", "timestamp", "resourceType",
            "resourceId", "version", "eventType", "actorId", "actorName", "sourceIp", "userAgent", "requestId",
            "bulkOperation", "changes", "membersAdded", "membersRemoved", "payload");

    private final ObjectMapper json;

    AuditEntries(ObjectMapper json) {
        this.json = json;
    }

    /** @param withPayload whether the raw event goes along (searches, exports), or only what it changed (histories) */
    ObjectNode json(AuditDocument event, boolean withPayload) {
        ObjectNode entry = json.createObjectNode();
        entry.put("id", event.eventId());
        entry.put("position", event.position());
        entry.put("timestamp", event.timestamp().toString());
        entry.put("eventType", event.eventType());
        entry.put("resourceType", event.resourceType());
        entry.put("resourceId", event.resourceId());
        entry.put("version", event.version());
        entry.putObject("actor").put("id", event.actorId()).put("name", event.actorName());
        entry.put("sourceIp", event.sourceIp());
        entry.put("userAgent", event.userAgent());
        entry.put("requestId", event.requestId());
        if (event.bulkOperation() != null) {
            entry.put("bulkOperation", event.bulkOperation());
        }
        if (!event.changes().isEmpty()) {
            entry.set("changes", changes(event.changes()));
        }
        if (!event.membersAdded().isEmpty()) {
            entry.set("membersAdded", members(event.membersAdded()));
        }
        if (!event.membersRemoved().isEmpty()) {
            entry.set("membersRemoved", members(event.membersRemoved()));
        }
        if (withPayload && event.payload() != null) {
            entry.set("payload", event.payload());
        }
        return entry;
    }

    String csv(AuditDocument event) {
        return Stream.of(event.position(), event.eventId(), event.timestamp().toString(), event.resourceType(),
                        event.resourceId(), Long.toString(event.version()), event.eventType(), event.actorId(),
                        event.actorName(), event.sourceIp(), event.userAgent(), event.requestId(),
                        event.bulkOperation() == null ? null : event.bulkOperation().toString(),
                        text(event.changes().isEmpty() ? null : changes(event.changes())),
                        text(event.membersAdded().isEmpty() ? null : members(event.membersAdded())),
                        text(event.membersRemoved().isEmpty() ? null : members(event.membersRemoved())),
                        text(event.payload()))
                .map(AuditEntries::field)
                .collect(Collectors.joining(","));
    }

    /** Before and after of each attribute; a missing side means the attribute had no value. */
    private ArrayNode changes(List<AttributeChange> changes) {
        ArrayNode array = json.createArrayNode();
        for (AttributeChange change : changes) {
            ObjectNode entry = array.addObject().put("attribute", change.attribute());
            if (change.before() != null && !change.before().isNull()) {
                entry.set("before", change.before());
            }
            if (change.after() != null && !change.after().isNull()) {
                entry.set("after", change.after());
            }
        }
        return array;
    }

    private ArrayNode members(List<GroupMember> members) {
        ArrayNode array = json.createArrayNode();
        members.forEach(member -> array.addObject().put("value", member.value()).put("type", member.type()));
        return array;
    }

    private String text(JsonNode value) {
        try {
            return value == null || value.isNull() ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
