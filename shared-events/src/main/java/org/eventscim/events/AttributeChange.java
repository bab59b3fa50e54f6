package org.eventscim.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One attribute's value before and after a change; {@code null} means absent. The attribute is a core
 * attribute name ({@code emails}) or an extension attribute as {@code <schema URN>:<name>}
 * ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}). Values are whole
 * attribute values, so applying a change needs no knowledge of how it was requested.
 */
public record AttributeChange(String attribute, JsonNode before, JsonNode after) {

    private static final String URN_PREFIX = "urn:";

    /** Applies changes to resource attributes in place: each attribute takes its {@code after} value. */
    public static void applyAll(ObjectNode attributes, List<AttributeChange> changes) {
        for (AttributeChange change : changes) {
            change.applyTo(attributes);
        }
    }

    void applyTo(ObjectNode attributes) {
        ObjectNode owner = attributes;
        String name = attribute;
        if (attribute.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length())) {
            int split = attribute.lastIndexOf(':');
            String schema = attribute.substring(0, split);
            name = attribute.substring(split + 1);
            owner = attributes.has(schema) && attributes.get(schema).isObject()
                    ? (ObjectNode) attributes.get(schema) : attributes.putObject(schema);
            set(owner, name, after);
            if (owner.isEmpty()) {
                attributes.remove(schema);
            }
            return;
        }
        set(owner, name, after);
    }

    private static void set(ObjectNode owner, String name, JsonNode value) {
        if (value == null || value.isNull()) {
            owner.remove(name);
        } else {
            owner.set(name, value.deepCopy());
        }
    }
}
