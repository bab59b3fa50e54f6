package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ResourceType;

/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a resource's stored attributes: core attributes top-level, extensions
 * under their schema URN, no id, meta or schemas. Paths, filters and the add/remove/replace rules are
 * the UnboundID SCIM 2 SDK's; this package adapts requests from real identity providers to it. Every path
 * must name an attribute of the resource type; the values set are not yet validated against the schema:
 * that is the caller's next step.
 */
public final class ResourcePatch {

    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ResourcePatch() {
    }

    /**
     * The resource after applying every operation of {@code request} in order. All or nothing: on any failure
     * a {@link ScimException} is thrown and {@code current} is unchanged. A patch that changes nothing
     * returns an equal node.
     */
    public static ObjectNode apply(ResourceType type, ObjectNode current, JsonNode request) {
        return apply(type, current, operations(request));
    }

    /**
     * The resource after applying {@code operations} in order, all or nothing as
     * {@link #apply(ResourceType, ObjectNode, JsonNode)}.
     */
    public static ObjectNode apply(ResourceType type, ObjectNode current, List<ClientOperation> operations) {
        ObjectNode patched = current.deepCopy();
        for (ClientOperation operation : operations) {
            PrimaryValues before = PrimaryValues.of(patched);
            operation.applyTo(patched, type);
            before.demoteIn(patched);
        }
        return (ObjectNode) plain(patched);
    }

    /**
     * The SDK builds the objects it creates as its {@code CaseIgnoreObjectNode}, whose {@code equals}
     * is not symmetric with Jackson's own nodes; callers compare results, so they get plain nodes.
     */
    private static JsonNode plain(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(field -> copy.set(field.getKey(), plain(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(plain(element)));
            return copy;
        }
        return node;
    }

    /** The request's operations as the client sent them; a malformed request is a 400 here, before anything applies. */
    public static List<ClientOperation> operations(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        if (!namesPatchOp(member(request, "schemas"))) {
            throw ScimException.invalidValue("schemas must contain " + PATCH_OP + ".");
        }
        JsonNode operations = member(request, "Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimException.invalidSyntax("Operations must be an array.");
        }
        if (operations.isEmpty()) {
            throw ScimException.invalidValue("Operations must not be empty.");
        }
        List<ClientOperation> read = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            read.add(ClientOperation.read(i, operations.get(i)));
        }
        return read;
    }

    private static boolean namesPatchOp(JsonNode schemas) {
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                if (schema.isTextual() && schema.asText().equalsIgnoreCase(PATCH_OP)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Some clients send {@code operations}; member names are case-insensitive like attribute names. */
    static JsonNode member(JsonNode request, String name) {
        for (Map.Entry<String, JsonNode> member : request.properties()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return null;
    }
}
