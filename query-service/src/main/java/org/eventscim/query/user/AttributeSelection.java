package org.eventscim.query.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters (RFC 7644 §3.9) applied to a rendered
 * resource. Names are case-insensitive and may carry a schema URN; {@code id} and {@code schemas} are
 * always returned. Paths are parsed by the UnboundID SCIM SDK.
 */
final class AttributeSelection {

    private static final List<String> ALWAYS_RETURNED = List.of("schemas", "id");
    private static final AttributeSelection EVERYTHING = new AttributeSelection(List.of(), false);

    private final List<Path> paths;
    private final boolean include;

    private AttributeSelection(List<Path> paths, boolean include) {
        this.paths = paths;
        this.include = include;
    }

    static AttributeSelection of(String attributes, String excludedAttributes) {
        boolean hasAttributes = attributes != null && !attributes.isBlank();
        boolean hasExcluded = excludedAttributes != null && !excludedAttributes.isBlank();
        if (hasAttributes && hasExcluded) {
            throw ScimException.invalidValue("Give either attributes or excludedAttributes, not both.");
        }
        if (!hasAttributes && !hasExcluded) {
            return EVERYTHING;
        }
        return new AttributeSelection(parse(hasAttributes ? attributes : excludedAttributes), hasAttributes);
    }

    ObjectNode apply(ObjectNode resource) {
        if (paths.isEmpty()) {
            return resource;
        }
        if (!include) {
            ObjectNode kept = resource.deepCopy();
            paths.forEach(path -> remove(kept, path));
            return kept;
        }
        ObjectNode selected = resource.objectNode();
        ALWAYS_RETURNED.stream().filter(resource::has).forEach(name -> selected.set(name, resource.get(name)));
        paths.forEach(path -> copy(resource, selected, path));
        return selected;
    }

    private static List<Path> parse(String list) {
        List<Path> paths = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
                // A bare extension URN names the whole extension; the SDK would read its last segment as an attribute.
                paths.add(Path.root(ScimSchemas.ENTERPRISE_USER));
                continue;
            }
            try {
                Path path = Path.fromString(name);
                if (path.size() > 2 || hasValueFilter(path)) {
                    throw ScimException.invalidValue("Unsupported attribute path '" + name + "'.");
                }
                paths.add(path);
            } catch (BadRequestException invalid) {
                throw ScimException.invalidValue("Invalid attribute path '" + name + "': " + invalid.getMessage());
            }
        }
        return paths;
    }

    private static boolean hasValueFilter(Path path) {
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                return true;
            }
        }
        return false;
    }

    /** Copies the attribute at {@code path} (merging sub-attributes already copied) from source to target. */
    private static void copy(ObjectNode source, ObjectNode target, Path path) {
        ObjectNode from = container(source, path.getSchemaUrn());
        if (from == null) {
            return;
        }
        ObjectNode to = from == source ? target : target.withObject(key(source, path.getSchemaUrn()));
        if (path.size() == 0) {
            to.setAll(from);
            return;
        }
        String name = key(from, path.getElement(0).getAttribute());
        if (name == null || ALWAYS_RETURNED.contains(name)) {
            return;
        }
        JsonNode value = from.get(name);
        if (path.size() == 1) {
            to.set(name, value);
            return;
        }
        String sub = path.getElement(1).getAttribute();
        if (value.isObject()) {
            copySub((ObjectNode) value, to.withObject(name), sub);
        } else if (value.isArray()) {
            ArrayNode values = to.has(name) && to.get(name).isArray() ? (ArrayNode) to.get(name) : emptyLike(value, to, name);
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isObject()) {
                    copySub((ObjectNode) value.get(i), (ObjectNode) values.get(i), sub);
                }
            }
        }
    }

    private static ArrayNode emptyLike(JsonNode array, ObjectNode target, String name) {
        ArrayNode values = target.putArray(name);
        array.forEach(element -> values.addObject());
        return values;
    }

    private static void copySub(ObjectNode from, ObjectNode to, String sub) {
        String name = key(from, sub);
        if (name != null) {
            to.set(name, from.get(name));
        }
    }

    private static void remove(ObjectNode resource, Path path) {
        ObjectNode from = container(resource, path.getSchemaUrn());
        if (from == null) {
            return;
        }
        if (path.size() == 0) {
            if (from != resource) {
                resource.remove(key(resource, path.getSchemaUrn()));
            }
            return;
        }
        String name = key(from, path.getElement(0).getAttribute());
        if (name == null || ALWAYS_RETURNED.contains(name)) {
            return;
        }
        if (path.size() == 1) {
            from.remove(name);
            return;
        }
        JsonNode value = from.get(name);
        String sub = path.getElement(1).getAttribute();
        if (value.isObject()) {
            removeKey((ObjectNode) value, sub);
        } else if (value.isArray()) {
            value.forEach(element -> {
                if (element.isObject()) {
                    removeKey((ObjectNode) element, sub);
                }
            });
        }
    }

    private static void removeKey(ObjectNode object, String name) {
        String key = key(object, name);
        if (key != null) {
            object.remove(key);
        }
    }

    /** The object holding the attributes of {@code schemaUrn}: the resource itself for the core schema. */
    private static ObjectNode container(ObjectNode resource, String schemaUrn) {
        if (schemaUrn == null || schemaUrn.equalsIgnoreCase(ScimSchemas.USER)) {
            return resource;
        }
        String key = key(resource, schemaUrn);
        return key != null && resource.get(key).isObject() ? (ObjectNode) resource.get(key) : null;
    }

    /** The member of {@code object} named {@code name}, ignoring case, or null. */
    private static String key(ObjectNode object, String name) {
        if (object.has(name)) {
            return name;
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            String candidate = fields.next().getKey();
            if (candidate.toLowerCase(Locale.ROOT).equals(wanted)) {
                return candidate;
            }
        }
        return null;
    }
}
