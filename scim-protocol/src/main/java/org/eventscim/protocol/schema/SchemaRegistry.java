package org.eventscim.protocol.schema;

import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schemas and resource types this service serves: the one source for request validation, response
 * filtering and the {@code /Schemas} and {@code /ResourceTypes} discovery endpoints.
 *
 * <p>The SDK's resources have a settable {@code meta}; a discovery endpoint adds its location to a copy
 * (e.g. {@code JsonUtils.valueToNode(schema)}), never to the registry's instance.
 */
public final class SchemaRegistry {

    private final List<SchemaResource> schemas;
    private final Map<String, SchemaResource> schemasByUrn = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<ResourceType> resourceTypes;

    public SchemaRegistry(Collection<SchemaResource> schemas, Collection<ResourceTypeResource> resourceTypes) {
        this.schemas = List.copyOf(schemas);
        schemas.forEach(schema -> schemasByUrn.put(schema.getId(), schema));
        this.resourceTypes = resourceTypes.stream().map(this::resolve).toList();
    }

    /** The User resource type (core User schema, optional Enterprise User extension) and the Group resource type. */
    public static SchemaRegistry standard() {
        return new SchemaRegistry(List.of(UserSchemas.user(), UserSchemas.enterpriseUser(), GroupSchemas.group()),
                List.of(UserSchemas.userResourceType(), GroupSchemas.groupResourceType()));
    }

    public List<SchemaResource> schemas() {
        return schemas;
    }

    /** A schema by its URN, matched case-insensitively as RFC 7643 §2.1 treats URN-qualified attribute names. */
    public Optional<SchemaResource> schema(String urn) {
        return Optional.ofNullable(schemasByUrn.get(urn));
    }

    public List<ResourceType> resourceTypes() {
        return resourceTypes;
    }

    /** A resource type by name, matched case-insensitively. */
    public Optional<ResourceType> resourceType(String name) {
        return resourceTypes.stream().filter(type -> type.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The User resource type; the registry is expected to serve one. */
    public ResourceType user() {
        return resourceType("User").orElseThrow(() -> new IllegalStateException("No User resource type is registered."));
    }

    /** The Group resource type; the registry is expected to serve one. */
    public ResourceType group() {
        return resourceType("Group").orElseThrow(() -> new IllegalStateException("No Group resource type is registered."));
    }

    private ResourceType resolve(ResourceTypeResource definition) {
        SchemaResource core = required(definition.getSchema().toString(), definition);
        List<ResourceType.Extension> extensions = definition.getSchemaExtensions() == null ? List.of()
                : definition.getSchemaExtensions().stream()
                        .map(extension -> new ResourceType.Extension(required(extension.getSchema().toString(), definition),
                                extension.isRequired()))
                        .toList();
        return new ResourceType(definition, core, extensions);
    }

    private SchemaResource required(String urn, ResourceTypeResource definition) {
        return schema(urn).orElseThrow(() -> new IllegalArgumentException(
                "Resource type " + definition.getName() + " names schema " + urn + ", which is not registered."));
    }
}
