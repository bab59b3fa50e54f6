package org.eventscim.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A search_after sort value as a cursor carries it in JSON, and back. */
public final class SearchAfterJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SearchAfterJson() {
    }

    public static JsonNode json(FieldValue value) {
        return switch (value._kind()) {
            case Long -> JSON.numberNode(value.longValue());
            case Double -> JSON.numberNode(value.doubleValue());
            case Boolean -> JSON.booleanNode(value.booleanValue());
            case String -> JSON.textNode(value.stringValue());
            case Null -> JSON.nullNode();
            case Any -> throw new IllegalArgumentException("Unexpected sort value " + value);
        };
    }

    public static FieldValue fieldValue(JsonNode value) {
        if (value.isIntegralNumber()) {
            return FieldValue.of(value.longValue());
        }
        if (value.isNumber()) {
            return FieldValue.of(value.doubleValue());
        }
        if (value.isBoolean()) {
            return FieldValue.of(value.booleanValue());
        }
        return value.isNull() ? FieldValue.NULL : FieldValue.of(value.textValue());
    }
}
