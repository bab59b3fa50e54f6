package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * RFC 7644 §3.5.2: a PATCH operation that makes a value primary SHALL make every other value of that
 * attribute not primary. Entra ID and Okta add a new primary email or phone number without touching the old
 * one, so the values that were primary before an operation are demoted when it marks another one. Two
 * values an operation marks primary itself stay so, for the schema check to refuse.
 */
final class PrimaryValues {

    private static final String PRIMARY = "primary";

    /** Per multi-valued attribute (a top-level name, or an extension URN and a name), its primary values. */
    private final Map<List<String>, List<JsonNode>> primaries;

    private PrimaryValues(Map<List<String>, List<JsonNode>> primaries) {
        this.primaries = primaries;
    }

    /** The primary values of {@code resource} now, before an operation. */
    static PrimaryValues of(ObjectNode resource) {
        Map<List<String>, List<JsonNode>> primaries = new HashMap<>();
        forEachMultiValued(resource, (attribute, values) -> {
            List<JsonNode> marked = marked(values);
            if (!marked.isEmpty()) {
                primaries.put(attribute, marked);
            }
        });
        return new PrimaryValues(primaries);
    }

    /** Sets {@code primary} to false on the former primaries of every attribute where the operation marked another. */
    void demoteIn(ObjectNode patched) {
        forEachMultiValued(patched, (attribute, values) -> {
            List<JsonNode> marked = marked(values);
            List<JsonNode> former = primaries.getOrDefault(attribute, List.of());
            if (marked.size() < 2 || marked.stream().allMatch(value -> contains(former, value))) {
                return;
            }
            marked.stream().filter(value -> contains(former, value))
                    .forEach(value -> ((ObjectNode) value).put(PRIMARY, false));
        });
    }

    private static void forEachMultiValued(ObjectNode resource, BiConsumer<List<String>, JsonNode> visitor) {
        resource.properties().forEach(attribute -> {
            if (attribute.getValue().isArray()) {
                visitor.accept(List.of(attribute.getKey()), attribute.getValue());
            } else if (attribute.getValue().isObject() && attribute.getKey().regionMatches(true, 0, "urn:", 0, 4)) {
                attribute.getValue().properties().forEach(extensionAttribute -> {
                    if (extensionAttribute.getValue().isArray()) {
                        visitor.accept(List.of(attribute.getKey(), extensionAttribute.getKey()), extensionAttribute.getValue());
                    }
                });
            }
        });
    }

    /** The values marked primary; Entra ID sends booleans as strings ("True"). */
    private static List<JsonNode> marked(JsonNode values) {
        List<JsonNode> marked = new ArrayList<>();
        for (JsonNode value : values) {
            JsonNode primary = value.isObject() ? value.get(PRIMARY) : null;
            if (primary != null && (primary.booleanValue() || primary.isTextual() && primary.textValue().equalsIgnoreCase("true"))) {
                marked.add(value);
            }
        }
        return marked;
    }

    /** By identity first: an operation that left a value alone left the very same node. */
    private static boolean contains(List<JsonNode> former, JsonNode value) {
        return former.stream().anyMatch(candidate -> candidate == value || candidate.equals(value));
    }
}
