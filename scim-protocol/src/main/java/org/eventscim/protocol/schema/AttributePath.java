package org.eventscim.protocol.schema;

import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An attribute path resolved against a resource type: the schema the attribute belongs to and the
 * definitions along the path (the attribute, then its sub-attribute if one was named).
 */
public record AttributePath(String schemaUrn, List<AttributeDefinition> definitions) {

    public AttributePath {
        if (definitions.isEmpty() || definitions.size() > 2) {
            throw new IllegalArgumentException("An attribute path names an attribute and at most one sub-attribute.");
        }
        definitions = List.copyOf(definitions);
    }

    /** The definition of the attribute the path ends at. */
    public AttributeDefinition definition() {
        return definitions.getLast();
    }

    /** The fully qualified path in canonical case, e.g. {@code urn:ietf:params:scim:schemas:core:2.0:User:name.givenName}. */
    @Override
    public String toString() {
        return schemaUrn + ":" + definitions.stream().map(AttributeDefinition::getName).collect(Collectors.joining("."));
    }
}
