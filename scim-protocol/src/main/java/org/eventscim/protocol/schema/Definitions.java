package org.eventscim.protocol.schema;

import com.unboundid.scim2.common.types.AttributeDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Attribute lookup by name, case-insensitive as RFC 7643 §2.1 wants attribute names to be. */
final class Definitions {

    private Definitions() {
    }

    static Optional<AttributeDefinition> find(Collection<AttributeDefinition> definitions, String name) {
        return definitions.stream().filter(definition -> definition.getName().equalsIgnoreCase(name)).findFirst();
    }

    /** The sub-attributes of a complex attribute; none for any other, where the SDK returns null. */
    static Collection<AttributeDefinition> subAttributes(AttributeDefinition definition) {
        return definition.getSubAttributes() == null ? List.of() : definition.getSubAttributes();
    }
}
