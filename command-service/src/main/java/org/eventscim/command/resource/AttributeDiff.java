package org.eventscim.command.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eventscim.events.AttributeChange;

/**
 * The attribute-level difference between two canonical attribute sets: what an event records. Core
 * attributes compare whole; extension schemas (keys starting with {@code urn:}) compare per attribute.
 * An empty result means the write changes nothing and appends no event.
 */
public final class AttributeDiff {

    private AttributeDiff() {
    }

    public static List<AttributeChange> between(ObjectNode before, ObjectNode after) {
        List<AttributeChange> changes = new ArrayList<>();
        for (String name : names(before, after)) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (isExtension(name)) {
                compareExtension(name, object(old), object(now), changes);
            } else if (!equal(old, now)) {
                changes.add(new AttributeChange(name, copy(old), copy(now)));
            }
        }
        return changes;
    }

    private static void compareExtension(String schema, ObjectNode before, ObjectNode after, List<AttributeChange> changes) {
        for (String name : names(before, after)) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (!equal(old, now)) {
                changes.add(new AttributeChange(schema + ":" + name, copy(old), copy(now)));
            }
        }
    }

    private static Set<String> names(ObjectNode before, ObjectNode after) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean isExtension(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("urn:");
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        boolean aAbsent = a == null || a.isNull();
        boolean bAbsent = b == null || b.isNull();
        return aAbsent || bAbsent ? aAbsent == bAbsent : a.equals(b);
    }

    private static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() ? null : node.deepCopy();
    }
}
