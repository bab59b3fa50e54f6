package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Attribute names are case-insensitive (RFC 7643 §2.1), but the stored user spells each one way. These
 * helpers respell what a client sent the way the stored user already does, so a patch never leaves
 * {@code displayName} and {@code DisplayName} side by side. Names the user does not have yet keep the
 * client's spelling; the schema validator that runs after the patch canonicalises those.
 */
final class CanonicalNames {

    private CanonicalNames() {
    }

    /**
     * The spelling of {@code name} among the keys of {@code existing}: an object's own keys, or the keys
     * of a multi-valued attribute's elements.
     */
    static String of(String name, JsonNode existing) {
        if (existing == null) {
            return name;
        }
        if (existing.isArray()) {
            for (JsonNode element : existing) {
                String found = of(name, element);
                if (!found.equals(name)) {
                    return found;
                }
            }
            return name;
        }
        for (Iterator<String> keys = existing.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return name;
    }

    /** A copy of {@code value} whose object keys, at every depth, are spelled as in {@code existing}. */
    static JsonNode align(JsonNode value, JsonNode existing) {
        if (value.isObject()) {
            ObjectNode aligned = JsonNodeFactory.instance.objectNode();
            value.properties().forEach(field -> {
                String name = of(field.getKey(), existing);
                aligned.set(name, align(field.getValue(), child(existing, name)));
            });
            return aligned;
        }
        if (value.isArray()) {
            ArrayNode aligned = JsonNodeFactory.instance.arrayNode();
            // Elements of a multi-valued attribute take their spelling from the stored elements.
            JsonNode elements = existing != null && existing.isArray() ? existing : null;
            value.forEach(element -> aligned.add(align(element, elements)));
            return aligned;
        }
        return value;
    }

    private static JsonNode child(JsonNode existing, String name) {
        return existing != null && existing.isObject() ? existing.get(name) : null;
    }
}
