package org.eventscim.protocol.schema;

import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.IMMUTABLE;
import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.READ_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.WRITE_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.COMPLEX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.types.AttributeDefinition;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/**
 * Turns a client's resource body into the attributes we store, checked against the resource type's schemas
 * and in canonical form: attribute names and schema URNs in their schema's case, extension attributes under
 * their schema URN, readOnly and unknown attributes dropped, absent values (null, [], {}) dropped, writeOnly
 * attributes split off.
 *
 * <p>Lenient where IdPs are known to deviate and the intent is unambiguous: URN-qualified and dotted keys
 * ({@code "urn:...:enterprise:2.0:User:department"}, {@code "name.givenName"}), booleans sent as strings in any
 * case, a single value for a multi-valued attribute, and a bare string for a complex attribute with a
 * {@code value} sub-attribute (Entra's {@code manager}). Everything else that does not match the schema is a
 * 400 {@code invalidValue} naming the attribute.
 */
public final class ResourceReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** xsd:dateTime (RFC 7643 §2.3.5): a date and a time, the offset optional; strict, so 2015-02-30 is refused. */
    private static final DateTimeFormatter XSD_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    /** Values equal as JSON, numbers by value: 1 and 1.0 stored by different Jackson node types are the same value. */
    private static final Comparator<JsonNode> SAME_VALUE = (left, right) -> (left.equals(right)
            || left.isNumber() && right.isNumber() && left.decimalValue().compareTo(right.decimalValue()) == 0) ? 0 : 1;

    private final ResourceType type;

    public ResourceReader(ResourceType type) {
        this.type = type;
    }

    /** A POST or PUT body: a JSON object whose {@code schemas} names the resource type's core schema. */
    public ReadResource read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        requireCoreSchema(body);
        return validate((ObjectNode) body);
    }

    /**
     * Attributes from any source (a body, or stored attributes with a PATCH applied), checked and in canonical
     * form; {@code schemas} is not required here and, like {@code id} and {@code meta}, never kept.
     */
    public ReadResource validate(ObjectNode body) {
        ObjectNode placed = place(body);
        ObjectNode attributes = JSON.objectNode();
        ObjectNode writeOnly = JSON.objectNode();
        readAttributes(type.coreAttributes(), placed, "", attributes, writeOnly);
        requireAttributes(type.coreAttributes(), attributes, writeOnly, "");
        for (ResourceType.Extension extension : type.extensions()) {
            ObjectNode extensionAttributes = JSON.objectNode();
            ObjectNode extensionWriteOnly = JSON.objectNode();
            readAttributes(extension.schema().getAttributes(), placed.path(extension.urn()), extension.urn() + ":",
                    extensionAttributes, extensionWriteOnly);
            if (extensionAttributes.isEmpty() && extensionWriteOnly.isEmpty()) {
                if (extension.required()) {
                    throw ScimException.invalidValue(extension.urn() + " is required for " + type.name() + " resources.");
                }
                continue;
            }
            // RFC 7643 §6: a required extension brings its required attributes; an optional one, once it is carried.
            requireAttributes(extension.schema().getAttributes(), extensionAttributes, extensionWriteOnly,
                    extension.urn() + ":");
            putIfNotEmpty(attributes, extension.urn(), extensionAttributes);
            putIfNotEmpty(writeOnly, extension.urn(), extensionWriteOnly);
        }
        return new ReadResource(attributes, writeOnly);
    }

    /**
     * Refuses a change to an immutable attribute that already has a value, removing it included (RFC 7643 §7
     * "SHALL NOT be updated"; RFC 7644 §3.5.1: 400, scimType {@code mutability}); both sides are stored
     * attributes in canonical form. Sub-attributes of multi-valued
     * attributes are not compared: their values are added and removed as wholes (a Group's immutable
     * {@code members.value} does not freeze its membership).
     */
    public void checkImmutable(ObjectNode current, ObjectNode next) {
        checkImmutable(type.coreAttributes(), current, next, "");
        for (ResourceType.Extension extension : type.extensions()) {
            checkImmutable(extension.schema().getAttributes(), current.path(extension.urn()), next.path(extension.urn()),
                    extension.urn() + ":");
        }
    }

    private void requireCoreSchema(JsonNode body) {
        String core = type.coreSchema().getId();
        JsonNode schemas = property(body, "schemas");
        for (JsonNode urn : elements(schemas)) {
            if (urn.isTextual() && urn.textValue().equalsIgnoreCase(core)) {
                return;
            }
        }
        throw ScimException.invalidValue("schemas must contain " + core + ".");
    }

    /**
     * First pass: every top-level key to its canonical place (core attributes at the top, extension attributes
     * under their URN), values as sent; unknown attributes and schemas are left behind here.
     */
    private ObjectNode place(ObjectNode body) {
        ObjectNode placed = JSON.objectNode();
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            Optional<ResourceType.Extension> extension = type.extension(key);
            if (extension.isPresent()) {
                placeExtension(placed, extension.get(), value);
            } else if (!key.equalsIgnoreCase("schemas")) {
                placeQualified(placed, key, value);
            }
        }
        return placed;
    }

    private void placeExtension(ObjectNode placed, ResourceType.Extension extension, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue(extension.urn() + " must be an object.");
        }
        ObjectNode target = placed.withObjectProperty(extension.urn());
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            placeAttribute(target, extension.schema().getAttributes(), property.getKey(), property.getValue(),
                    extension.urn() + ":");
        }
    }

    /** A key that may carry its schema URN, as Entra sends extension attributes: {@code "urn:...:User:department"}. */
    private void placeQualified(ObjectNode placed, String key, JsonNode value) {
        String core = type.coreSchema().getId();
        if (qualifiedBy(key, core)) {
            placeAttribute(placed, type.coreAttributes(), key.substring(core.length() + 1), value, "");
            return;
        }
        for (ResourceType.Extension extension : type.extensions()) {
            if (qualifiedBy(key, extension.urn())) {
                placeAttribute(placed.withObjectProperty(extension.urn()), extension.schema().getAttributes(),
                        key.substring(extension.urn().length() + 1), value, extension.urn() + ":");
                return;
            }
        }
        if (!key.regionMatches(true, 0, "urn:", 0, 4)) {
            placeAttribute(placed, type.coreAttributes(), key, value, "");
        }
    }

    private static boolean qualifiedBy(String key, String urn) {
        return key.length() > urn.length() + 1 && key.charAt(urn.length()) == ':' && key.regionMatches(true, 0, urn, 0, urn.length());
    }

    /** An attribute name or a dotted sub-attribute path ({@code "name.givenName"}, merged into {@code name}). */
    private static void placeAttribute(ObjectNode target, Collection<AttributeDefinition> definitions, String name,
                                       JsonNode value, String prefix) {
        int dot = name.indexOf('.');
        Optional<AttributeDefinition> found = Definitions.find(definitions, dot < 0 ? name : name.substring(0, dot));
        if (found.isEmpty() || found.get().getMutability() == READ_ONLY) {
            return;
        }
        AttributeDefinition attribute = found.get();
        if (dot < 0) {
            merge(target, attribute.getName(), value);
            return;
        }
        Optional<AttributeDefinition> subAttribute = Definitions.find(Definitions.subAttributes(attribute), name.substring(dot + 1));
        if (subAttribute.isEmpty()) {
            return;
        }
        if (attribute.isMultiValued()) {
            throw ScimException.invalidValue(prefix + name + " names a sub-attribute of the multi-valued attribute "
                    + attribute.getName() + "; send " + attribute.getName() + " as an array of values.");
        }
        JsonNode parent = target.get(attribute.getName());
        if (parent == null || parent.isNull()) {
            parent = target.putObject(attribute.getName());
        } else if (!parent.isObject()) {
            throw ScimException.invalidValue(prefix + attribute.getName() + " must be an object.");
        }
        ((ObjectNode) parent).set(subAttribute.get().getName(), value.deepCopy());
    }

    /** Objects given twice (by {@code name} and {@code name.givenName}, or in two cases) are merged; copies, so the body stays as sent. */
    private static void merge(ObjectNode target, String name, JsonNode value) {
        JsonNode existing = target.get(name);
        if (existing != null && existing.isObject() && value.isObject()) {
            ((ObjectNode) existing).setAll((ObjectNode) value.deepCopy());
        } else {
            target.set(name, value.deepCopy());
        }
    }

    /**
     * Second pass: type-checks and canonicalises each known, writable attribute of {@code source} into
     * {@code out}, writeOnly ones into {@code writeOnly}; nested writeOnly sub-attributes have no place to go
     * and are dropped ({@code writeOnly} is null), so they are never stored either.
     */
    private static void readAttributes(Collection<AttributeDefinition> definitions, JsonNode source, String prefix,
                                       ObjectNode out, ObjectNode writeOnly) {
        for (Map.Entry<String, JsonNode> property : source.properties()) {
            Optional<AttributeDefinition> found = Definitions.find(definitions, property.getKey());
            if (found.isEmpty() || found.get().getMutability() == READ_ONLY) {
                continue;
            }
            AttributeDefinition definition = found.get();
            JsonNode value = value(definition, property.getValue(), prefix + definition.getName());
            if (value == null) {
                continue;
            }
            if (definition.getMutability() != WRITE_ONLY) {
                out.set(definition.getName(), value);
            } else if (writeOnly != null) {
                writeOnly.set(definition.getName(), value);
            }
        }
    }

    /** The canonical value, or null when it is absent (RFC 7643 §2.5: null and [] are the same as unassigned). */
    private static JsonNode value(AttributeDefinition definition, JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        if (!definition.isMultiValued()) {
            if (value.isArray()) {
                return single(definition, wrappedSingleValue(definition, value, path), path);
            }
            return single(definition, value, path);
        }
        ArrayNode values = JSON.arrayNode();
        for (JsonNode element : elements(value)) {
            JsonNode single = element.isNull() ? null : single(definition, element, path);
            if (single != null) {
                values.add(single);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        requireOnePrimary(values, path);
        return values;
    }

    /**
     * Entra ID's provisioning jobs from before its 2020 SCIM fixes send a simple value as {@code [{"value": ...}]}
     * ({@code {"op":"Add","path":"nickName","value":[{"value":"Babs"}]}}); that one value is meant. Any other array
     * for a single-valued attribute is refused.
     */
    private static JsonNode wrappedSingleValue(AttributeDefinition definition, JsonNode array, String path) {
        JsonNode only = array.size() == 1 && definition.getType() != COMPLEX ? array.get(0) : null;
        if (only != null && only.isObject() && only.size() == 1 && only.has("value")) {
            return only.get("value");
        }
        throw ScimException.invalidValue(path + " is single-valued and must not be an array.");
    }

    private static JsonNode single(AttributeDefinition definition, JsonNode value, String path) {
        return switch (definition.getType()) {
            case STRING, REFERENCE -> string(value, path);
            case BINARY -> binary(value, path);
            case DATETIME -> dateTime(value, path);
            case BOOLEAN -> bool(value, path);
            case INTEGER -> require(value, value.isIntegralNumber(), path, "an integer");
            case DECIMAL -> require(value, value.isNumber(), path, "a number");
            case COMPLEX -> complex(definition, value, path);
        };
    }

    /**
     * A string of Unicode text: an unpaired surrogate (half of a UTF-16 pair) names no character, and NUL cannot be
     * stored in PostgreSQL text (the uniqueness claims).
     */
    private static JsonNode string(JsonNode value, String path) {
        require(value, value.isTextual(), path, "a string");
        String text = value.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ScimException.invalidValue(path + " must be Unicode text; it holds an unpaired surrogate.");
            } else if (c == 0) {
                throw ScimException.invalidValue(path + " must not hold the NUL character.");
            }
        }
        return value;
    }

    /** Base64 (RFC 7643 §2.3.6, RFC 4648 §4); line breaks, as PEM-minded clients send them, are allowed. */
    private static JsonNode binary(JsonNode value, String path) {
        string(value, path);
        try {
            Base64.getDecoder().decode(value.textValue().replaceAll("[\\r\\n]", ""));
            return value;
        } catch (IllegalArgumentException e) {
            throw ScimException.invalidValue(path + " must be base64-encoded binary.");
        }
    }

    private static JsonNode dateTime(JsonNode value, String path) {
        string(value, path);
        try {
            XSD_DATE_TIME.parse(value.textValue());
            return value;
        } catch (DateTimeParseException e) {
            throw ScimException.invalidValue(path + " must be an xsd:dateTime such as 2008-01-23T04:56:22Z.");
        }
    }

    /** Booleans, and the strings "true"/"false" in any case, which Entra ID sends ("False"). */
    private static JsonNode bool(JsonNode value, String path) {
        if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
            return JSON.booleanNode(value.textValue().equalsIgnoreCase("true"));
        }
        return require(value, value.isBoolean(), path, "a boolean");
    }

    private static ObjectNode complex(AttributeDefinition definition, JsonNode value, String path) {
        Collection<AttributeDefinition> subAttributes = Definitions.subAttributes(definition);
        JsonNode object = value;
        // Entra sends the enterprise manager as its id alone: "manager": "<id>" means {"value": "<id>"}.
        if (value.isTextual() && Definitions.find(subAttributes, "value").isPresent()) {
            object = JSON.objectNode().set("value", value);
        }
        require(object, object.isObject(), path, "an object");
        ObjectNode out = JSON.objectNode();
        readAttributes(subAttributes, object, path + ".", out, null);
        if (out.isEmpty()) {
            return null;
        }
        requireAttributes(subAttributes, out, null, path + ".");
        return out;
    }

    private static JsonNode require(JsonNode value, boolean valid, String path, String expected) {
        if (!valid) {
            throw ScimException.invalidValue(path + " must be " + expected + ".");
        }
        return value;
    }

    /** Required attributes the client must send (readOnly ones are the server's); a blank string counts as missing. */
    private static void requireAttributes(Collection<AttributeDefinition> definitions, ObjectNode attributes,
                                          ObjectNode writeOnly, String prefix) {
        for (AttributeDefinition definition : definitions) {
            if (!definition.isRequired() || definition.getMutability() == READ_ONLY
                    || definition.getMutability() == WRITE_ONLY && writeOnly == null) {
                continue;
            }
            JsonNode value = (definition.getMutability() == WRITE_ONLY ? writeOnly : attributes).get(definition.getName());
            if (value == null || value.isTextual() && value.textValue().isBlank()) {
                throw ScimException.invalidValue(prefix + definition.getName() + " is required.");
            }
        }
    }

    /** RFC 7643 §2.4: the primary value "true" MUST appear no more than once. */
    private static void requireOnePrimary(ArrayNode values, String path) {
        int primaries = 0;
        for (JsonNode value : values) {
            if (value.path("primary").booleanValue()) {
                primaries++;
            }
        }
        if (primaries > 1) {
            throw ScimException.invalidValue(path + " has " + primaries + " values marked primary; at most one may be.");
        }
    }

    private static void checkImmutable(Collection<AttributeDefinition> definitions, JsonNode current, JsonNode next,
                                       String prefix) {
        for (AttributeDefinition definition : definitions) {
            JsonNode was = current.path(definition.getName());
            if (was.isMissingNode() || was.isNull()) {
                continue;
            }
            JsonNode now = next.path(definition.getName());
            if (definition.getMutability() == IMMUTABLE && !was.equals(SAME_VALUE, now)) {
                throw new ScimException(HttpStatus.BAD_REQUEST, "mutability",
                        prefix + definition.getName() + " is immutable and cannot be changed once set.");
            }
            if (definition.getType() == COMPLEX && !definition.isMultiValued()) {
                checkImmutable(Definitions.subAttributes(definition), was, now, prefix + definition.getName() + ".");
            }
        }
    }

    private static JsonNode property(JsonNode object, String name) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return property.getValue();
            }
        }
        return null;
    }

    /** The values of an array, or a single value as the only one (clients send one value for a multi-valued attribute). */
    private static Iterable<JsonNode> elements(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        return value.isArray() ? value : List.of(value);
    }

    private static void putIfNotEmpty(ObjectNode target, String name, ObjectNode value) {
        if (!value.isEmpty()) {
            target.set(name, value);
        }
    }
}
