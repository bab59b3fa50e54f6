package org.eventscim.protocol.schema;

import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.IMMUTABLE;
import static com.unboundid.scim2.common.types.AttributeDefinition.Mutability.READ_ONLY;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.COMPLEX;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.REFERENCE;
import static com.unboundid.scim2.common.types.AttributeDefinition.Type.STRING;
import static com.unboundid.scim2.common.types.AttributeDefinition.Uniqueness.SERVER;

import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import java.net.URI;
import java.util.List;
import org.eventscim.protocol.ScimSchemas;

/**
 * The core Group schema as RFC 7643 §8.7.1 publishes it, and the Group resource type, with two
 * deliberate differences: {@code displayName} is required and unique per tenant (Entra ID relies on
 * both), and {@code members.display} is listed as RFC 7643 §4.2 describes it, read-only.
 */
public final class GroupSchemas {

    private static final List<AttributeDefinition> GROUP_ATTRIBUTES = List.of(
            builder("displayName", STRING, "A human-readable name for the Group.  REQUIRED.")
                    .setRequired(true).setUniqueness(SERVER).build(),
            builder("members", COMPLEX, "A list of members of the Group.")
                    .setMultiValued(true)
                    .addSubAttributes(
                            builder("value", STRING, "Identifier of the member of this Group.")
                                    .setMutability(IMMUTABLE).build(),
                            builder("$ref", REFERENCE, "The URI corresponding to a SCIM resource that is a member "
                                    + "of this Group.")
                                    .addReferenceTypes("User", "Group").setMutability(IMMUTABLE).build(),
                            builder("display", STRING, "A human-readable name, primarily used for display "
                                    + "purposes.  READ-ONLY.")
                                    .setMutability(READ_ONLY).build(),
                            builder("type", STRING, "A label indicating the type of resource, e.g., 'User' or "
                                    + "'Group'.")
                                    .addCanonicalValues("User", "Group").setMutability(IMMUTABLE).build())
                    .build());

    private GroupSchemas() {
    }

    /** {@code urn:ietf:params:scim:schemas:core:2.0:Group}. A new instance each time: SDK resources carry a settable meta. */
    public static SchemaResource group() {
        return new SchemaResource(ScimSchemas.GROUP, "Group", "Group", GROUP_ATTRIBUTES);
    }

    public static ResourceTypeResource groupResourceType() {
        return new ResourceTypeResource("Group", "Group", "Group", URI.create("/Groups"), URI.create(ScimSchemas.GROUP),
                List.of());
    }

    private static AttributeDefinition.Builder builder(String name, AttributeDefinition.Type type, String description) {
        return new AttributeDefinition.Builder().setName(name).setType(type).setDescription(description);
    }
}
