package org.eventscim.protocol.resource;

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
import org.eventscim.protocol.schema.ScimSyntax;

/**
 * The {@code attributes} / {@code excludedAttributes} parameters (RFC 7644 §3.9) applied to a rendered
 * resource. Names are case-insensitive and may carry a schema URN; {@code id} and {@code schemas} are
 * always returned. Paths are parsed by the UnboundID SCIM SDK.
 */
public final class AttributeSelection {

    private static final List<String> ALWAYS_RETURNED = List.of("schemas", "id");

    private final String coreSchema;
    private final List<Path> paths;
    private final boolean include;

    private AttributeSelection(String coreSchema, List<Path> paths, boolean include) {
        this.coreSchema = coreSchema;
        this.paths = paths;
        this.include = include;
    }

    /**
     * @param coreSchema the URN of the resource's core schema, which attribute names may carry as a prefix
     * @throws ScimException 400 {@code invalidValue} for both parameters at once or an unusable path
     */
    public static AttributeSelection of(String coreSchema, String attributes, String excludedAttributes) {
        boolean hasAttributes = attributes != null && !attributes.isBlank();
        boolean hasExcluded = excludedAttributes != null && !excludedAttributes.isBlank();
        if (hasAttributes && hasExcluded) {
            throw ScimException.invalidValue("Give either attributes or excludedAttributes, not both.");
        }
        if (!hasAttributes && !hasExcluded) {
            return new AttributeSelection(coreSchema, List.of(), false);
        }
        return new AttributeSelection(coreSchema, parse(hasAttributes ? attributes : excludedAttributes), hasAttributes);
    }

    /** Whether the request named neither parameter: the resource is returned as it is. */
    public boolean isEmpty() {
        return paths.isEmpty();
    }

    /**
     * Whether the response may contain the core attribute {@code attribute}, so that what only it needs
     * (memberships, for {@code members} and {@code groups}) is read only then.
     */
    public boolean returns(String attribute) {
        return include ? paths.stream().anyMatch(path -> names(path, attribute))
                : paths.stream().noneMatch(path -> names(path, attribute) && path.size() == 1);
    }

    /** Whether the response may contain the sub-attribute {@code attribute.subAttribute}. */
    public boolean returns(String attribute, String subAttribute) {
        return include
                ? paths.stream().anyMatch(path -> names(path, attribute) && (path.size() == 1 || names(path, 1, subAttribute)))
                : paths.stream().noneMatch(path -> names(path, attribute) && (path.size() == 1 || names(path, 1, subAttribute)));
    }

    public ObjectNode apply(ObjectNode resource) {
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
                Path path = ScimSyntax.path(name);
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
    private void copy(ObjectNode source, ObjectNode target, Path path) {
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

    private void remove(ObjectNode resource, Path path) {
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

    private boolean names(Path path, String attribute) {
        return (path.getSchemaUrn() == null || path.getSchemaUrn().equalsIgnoreCase(coreSchema))
                && names(path, 0, attribute);
    }

    private static boolean names(Path path, int element, String attribute) {
        return path.size() > element && path.getElement(element).getAttribute().equalsIgnoreCase(attribute);
    }

    /** The object holding the attributes of {@code schemaUrn}: the resource itself for the core schema. */
    private ObjectNode container(ObjectNode resource, String schemaUrn) {
        if (schemaUrn == null || schemaUrn.equalsIgnoreCase(coreSchema)) {
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
