package org.eventscim.query.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a multi-valued attribute sorts by (RFC 7644 §3.4.2.3): its primary value, else its first. A
 * {@code nested} sort can only take the smallest or largest of the values, and the order of values is
 * not searchable, so the projection stores that value of each multi-valued attribute beside the
 * resource, under {@link ResourceDocument#SORT_VALUES}, mapped like the attribute's sub-attributes.
 */
public final class SortValues {

    private SortValues() {
    }

    /** The field a sub-attribute of a multi-valued attribute sorts by. */
    public static String field(Attribute multiValued, Attribute subAttribute) {
        return ResourceDocument.SORT_VALUES + "." + multiValued.name() + "." + subAttribute.name();
    }

    /** The primary (else first) value of each of the resource's multi-valued core attributes; null if none. */
    static ObjectNode of(ResourceSchema schema, ObjectNode resource) {
        ObjectNode values = resource.objectNode();
        for (Attribute attribute : schema.coreAttributes()) {
            JsonNode list = resource.get(attribute.name());
            if (!attribute.isNested() || list == null || !list.isArray()) {
                continue;
            }
            JsonNode chosen = null;
            for (JsonNode value : list) {
                if (value.isObject() && (chosen == null || value.path("primary").asBoolean(false))) {
                    chosen = value;
                    if (value.path("primary").asBoolean(false)) {
                        break;
                    }
                }
            }
            if (chosen != null) {
                values.set(attribute.name(), chosen.deepCopy());
            }
        }
        return values.isEmpty() ? null : values;
    }
}
