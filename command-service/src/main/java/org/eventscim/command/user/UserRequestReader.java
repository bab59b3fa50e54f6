package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.eventscim.protocol.ScimSchemas;
import org.eventscim.protocol.error.ScimException;

/**
 * Turns a client's User body into the attributes we store: names matched case-insensitively and
 * written in their canonical case, read-only and unknown attributes dropped, types checked.
 * Covers the skeleton's attribute set; the full RFC 7643 schema replaces this table (issue #3).
 */
final class UserRequestReader {

    private enum Kind { STRING, BOOLEAN, NAME, MULTI_VALUED_COMPLEX }

    private static final Map<String, Attribute> ATTRIBUTES = Map.of(
            "username", new Attribute("userName", Kind.STRING),
            "externalid", new Attribute("externalId", Kind.STRING),
            "displayname", new Attribute("displayName", Kind.STRING),
            "name", new Attribute("name", Kind.NAME),
            "emails", new Attribute("emails", Kind.MULTI_VALUED_COMPLEX),
            "active", new Attribute("active", Kind.BOOLEAN));

    private static final Map<String, String> NAME_PARTS = Map.of(
            "formatted", "formatted", "familyname", "familyName", "givenname", "givenName",
            "middlename", "middleName", "honorificprefix", "honorificPrefix", "honorificsuffix", "honorificSuffix");

    private static final Map<String, String> EMAIL_PARTS = Map.of(
            "value", "value", "display", "display", "type", "type", "primary", "primary");

    private record Attribute(String name, Kind kind) {
    }

    private UserRequestReader() {
    }

    /** A POST or PUT body: must name the User schema. */
    static ObjectNode read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("The request body must be a JSON object.");
        }
        requireUserSchema(body.get("schemas"));
        return validate((ObjectNode) body);
    }

    /** Attributes from any source (a body, or the result of a PATCH), checked and in canonical form. */
    static ObjectNode validate(ObjectNode body) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Attribute attribute = ATTRIBUTES.get(field.getKey().toLowerCase(Locale.ROOT));
            if (attribute != null && !field.getValue().isNull()) {
                attributes.set(attribute.name(), value(attribute, field.getValue()));
            }
        }
        JsonNode userName = attributes.get("userName");
        if (userName == null || userName.asText().isBlank()) {
            throw ScimException.invalidValue("userName is required.");
        }
        return attributes;
    }

    private static void requireUserSchema(JsonNode schemas) {
        if (schemas != null && schemas.isArray()) {
            for (JsonNode schema : schemas) {
                if (schema.isTextual() && schema.asText().equalsIgnoreCase(ScimSchemas.USER)) {
                    return;
                }
            }
        }
        throw ScimException.invalidValue("schemas must contain " + ScimSchemas.USER + ".");
    }

    private static JsonNode value(Attribute attribute, JsonNode value) {
        return switch (attribute.kind()) {
            case STRING -> string(attribute.name(), value);
            case BOOLEAN -> bool(attribute.name(), value);
            case NAME -> complex(attribute.name(), value, NAME_PARTS);
            case MULTI_VALUED_COMPLEX -> multiValued(attribute.name(), value, EMAIL_PARTS);
        };
    }

    private static JsonNode string(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw ScimException.invalidValue(name + " must be a string.");
        }
        return value;
    }

    /** Booleans, and the strings "true"/"false" in any case, which Entra ID sends. */
    private static JsonNode bool(String name, JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value.asText().toLowerCase(Locale.ROOT)));
        }
        throw ScimException.invalidValue(name + " must be a boolean.");
    }

    private static ObjectNode complex(String name, JsonNode value, Map<String, String> parts) {
        if (!value.isObject()) {
            throw ScimException.invalidValue(name + " must be an object.");
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String part = parts.get(field.getKey().toLowerCase(Locale.ROOT));
            if (part == null || field.getValue().isNull()) {
                continue;
            }
            result.set(part, part.equals("primary")
                    ? bool(name + "." + part, field.getValue())
                    : string(name + "." + part, field.getValue()));
        }
        return result;
    }

    private static JsonNode multiValued(String name, JsonNode value, Map<String, String> parts) {
        if (!value.isArray()) {
            throw ScimException.invalidValue(name + " must be an array.");
        }
        var result = JsonNodeFactory.instance.arrayNode();
        for (JsonNode element : value) {
            result.add(complex(name, element, parts));
        }
        return result;
    }
}
