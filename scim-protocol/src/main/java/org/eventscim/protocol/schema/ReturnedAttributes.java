package org.eventscim.protocol.schema;

import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.WRITE_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Returned.NEVER;
import static com.unboundid.scim2.common.types.AttributeDefinition.Returned.REQUEST;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.COMPLEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the "returned" characteristic (RFC 7643 §7) to stored attributes on their way out: attributes returned
 * "never" (the password) are always dropped, and so are writeOnly ones, whose values "SHALL NOT be returned"
 * whatever their schema says; those returned "request" are kept only when the client named them,
 * or an attribute containing them, in {@code attributes} (RFC 7644 §3.9). Narrowing the "default" ones to
 * {@code attributes} / {@code excludedAttributes} is the caller's projection, not this filter's.
 */
public final class ReturnedAttributes {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ReturnedAttributes() {
    }

    /**
     * @param stored    a resource's stored attributes in canonical form
     * @param requested the paths of the request's {@code attributes} parameter, in any case, URN-qualified or not;
     *                  paths naming no attribute of the type are ignored
     */
    public static ObjectNode filter(ResourceType type, ObjectNode stored, Collection<String> requested) {
        Set<String> requestedPaths = requested.stream().map(type::resolve).flatMap(Optional::stream)
                .map(AttributePath::toString).collect(Collectors.toSet());
        ObjectNode result = JSON.objectNode();
        for (Map.Entry<String, JsonNode> property : stored.properties()) {
            Optional<ResourceType.Extension> extension = type.extension(property.getKey());
            if (extension.isPresent() && property.getValue().isObject()) {
                ObjectNode filtered = filter(extension.get().schema().getAttributes(), property.getValue(),
                        extension.get().urn() + ":", false, requestedPaths);
                if (!filtered.isEmpty()) {
                    result.set(property.getKey(), filtered);
                }
            } else {
                copy(type.coreAttributes(), property.getKey(), property.getValue(), type.coreSchema().getId() + ":",
                        false, requestedPaths, result);
            }
        }
        return result;
    }

    private static ObjectNode filter(Collection<AttributeDefinition> definitions, JsonNode object, String prefix,
                                     boolean parentRequested, Set<String> requested) {
        ObjectNode result = JSON.objectNode();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            copy(definitions, property.getKey(), property.getValue(), prefix, parentRequested, requested, result);
        }
        return result;
    }

    /** Copies one attribute unless its "returned" characteristic hides it; attributes without a definition are kept. */
    private static void copy(Collection<AttributeDefinition> definitions, String name, JsonNode value, String prefix,
                             boolean parentRequested, Set<String> requested, ObjectNode result) {
        Optional<AttributeDefinition> found = Definitions.find(definitions, name);
        if (found.isEmpty()) {
            result.set(name, value);
            return;
        }
        AttributeDefinition definition = found.get();
        String path = prefix + definition.getName();
        boolean isRequested = parentRequested || requested.contains(path);
        if (definition.getReturned() == NEVER || definition.getMutability() == WRITE_ONLY
                || definition.getReturned() == REQUEST && !isRequested) {
            return;
        }
        if (definition.getType() == COMPLEX && value.isArray()) {
            ArrayNode values = result.putArray(name);
            for (JsonNode element : value) {
                values.add(element.isObject()
                        ? filter(Definitions.subAttributes(definition), element, path + ".", isRequested, requested)
                        : element);
            }
        } else if (definition.getType() == COMPLEX && value.isObject()) {
            result.set(name, filter(Definitions.subAttributes(definition), value, path + ".", isRequested, requested));
        } else {
            result.set(name, value);
        }
    }
}
