package org.eventscim.protocol.schema;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A resource type with its schemas resolved: what a reader, a PATCH or a response filter needs to know about it. */
public final class ResourceType {

    /**
     * RFC 7643 §3.1: id, externalId and meta belong to every resource but to no schema, so §8.7.1 does not list
     * them and neither does {@code /Schemas}. The SDK defines them exactly (id readOnly, returned always,
     * caseExact; externalId readWrite, caseExact; meta readOnly).
     */
    private static final List<AttributeDefinition> COMMON_ATTRIBUTES = List.of(SchemaUtils.ID_ATTRIBUTE_DEFINITION,
            SchemaUtils.EXTERNAL_ID_ATTRIBUTE_DEFINITION, SchemaUtils.META_ATTRIBUTE_DEFINITION);

    /** A schema extension of this resource type, and whether every resource must carry it. */
    public record Extension(SchemaResource schema, boolean required) {

        public String urn() {
            return schema.getId();
        }
    }

    private final ResourceTypeResource definition;
    private final SchemaResource coreSchema;
    private final List<Extension> extensions;
    private final List<AttributeDefinition> coreAttributes;

    ResourceType(ResourceTypeResource definition, SchemaResource coreSchema, List<Extension> extensions) {
        this.definition = definition;
        this.coreSchema = coreSchema;
        this.extensions = List.copyOf(extensions);
        List<AttributeDefinition> attributes = new ArrayList<>(COMMON_ATTRIBUTES);
        attributes.addAll(coreSchema.getAttributes());
        this.coreAttributes = List.copyOf(attributes);
    }

    /** The resource type as {@code /ResourceTypes} serves it. */
    public ResourceTypeResource definition() {
        return definition;
    }

    public String name() {
        return definition.getName();
    }

    public SchemaResource coreSchema() {
        return coreSchema;
    }

    public List<Extension> extensions() {
        return extensions;
    }

    /** The attributes at the top level of a resource: the common ones (id, externalId, meta) and the core schema's. */
    public List<AttributeDefinition> coreAttributes() {
        return coreAttributes;
    }

    /** The extension with this schema URN, matched case-insensitively. */
    public Optional<Extension> extension(String urn) {
        return extensions.stream().filter(extension -> extension.urn().equalsIgnoreCase(urn)).findFirst();
    }

    /** The definition an attribute path leads to, e.g. {@code name.givenName}, {@code emails[type eq "work"].value}. */
    public Optional<AttributeDefinition> attribute(String path) {
        return resolve(path).map(AttributePath::definition);
    }

    /** Resolves a path in SCIM syntax (RFC 7644 §3.10); empty if it is malformed or names no attribute of this type. */
    public Optional<AttributePath> resolve(String path) {
        try {
            return resolve(ScimSyntax.path(path));
        } catch (BadRequestException e) {
            return Optional.empty();
        }
    }

    /** Resolves a parsed path, e.g. a PATCH operation's; value filters are ignored, they select values, not attributes. */
    public Optional<AttributePath> resolve(Path path) {
        if (path.size() < 1 || path.size() > 2) {
            return Optional.empty();
        }
        String urn = path.getSchemaUrn();
        if (urn == null || urn.equalsIgnoreCase(coreSchema.getId())) {
            return resolve(coreSchema.getId(), coreAttributes, path);
        }
        return extension(urn).flatMap(extension -> resolve(extension.urn(), extension.schema().getAttributes(), path));
    }

    private static Optional<AttributePath> resolve(String schemaUrn, Collection<AttributeDefinition> attributes, Path path) {
        Optional<AttributeDefinition> attribute = Definitions.find(attributes, path.getElement(0).getAttribute());
        if (attribute.isEmpty() || path.size() == 1) {
            return attribute.map(definition -> new AttributePath(schemaUrn, List.of(definition)));
        }
        return Definitions.find(Definitions.subAttributes(attribute.get()), path.getElement(1).getAttribute())
                .map(subAttribute -> new AttributePath(schemaUrn, List.of(attribute.get(), subAttribute)));
    }
}
