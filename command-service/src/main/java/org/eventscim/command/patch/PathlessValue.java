package org.eventscim.command.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eventscim.protocol.schema.ResourceType;

/**
 * The value of an {@code add} or {@code replace} without a path, reshaped into the stored user's shape.
 * Entra ID puts attribute paths in the keys ({@code "name.givenName"},
 * {@code "urn:...:enterprise:2.0:User:department"}); the SDK would store those keys literally, so each
 * key is read as a path and its value moved to where that path points. Keys with a value filter are not
 * attributes of this value: {@link ClientOperation} applies each at its path.
 */
final class PathlessValue {

    /** Resource bookkeeping clients echo back from a GET; not attributes a patch can set. */
    private static final Set<String> IGNORED = Set.of("schemas", "id", "meta");

    private PathlessValue() {
    }

    static ObjectNode reshape(ObjectNode value, ObjectNode user, ResourceType type) throws BadRequestException {
        ObjectNode shaped = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!IGNORED.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                place(shaped, TargetPaths.resolve(field.getKey(), user, type), field.getValue());
            }
        }
        return shaped;
    }

    private static void place(ObjectNode shaped, Path path, JsonNode value) throws BadRequestException {
        ObjectNode parent = path.getSchemaUrn() == null ? shaped : object(shaped, path.getSchemaUrn());
        for (int i = 0; i < path.size(); i++) {
            Path.Element element = path.getElement(i);
            if (i < path.size() - 1) {
                parent = object(parent, element.getAttribute());
            } else if (value.isObject() && parent.get(element.getAttribute()) instanceof ObjectNode merged) {
                // {"name":{...}} and {"name.givenName":...} in one value both land in "name".
                merged.setAll((ObjectNode) value);
            } else {
                parent.set(element.getAttribute(), value);
            }
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) throws BadRequestException {
        JsonNode child = parent.get(name);
        if (child == null) {
            return parent.putObject(name);
        }
        if (!child.isObject()) {
            throw BadRequestException.invalidValue("'" + name + "' is given both as a value and as an object of sub-attributes");
        }
        return (ObjectNode) child;
    }
}
