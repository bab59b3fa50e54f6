package org.eventscim.query.index;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of one resource type as the read model indexes them: the single source both for the
 * index mapping and for the filter translator, so what can be filtered is exactly what is indexed.
 *
 * @param resourceType       the resource type's name ({@code meta.resourceType} of every resource of it)
 * @param coreSchema         the core schema URN; attribute paths may carry it as a prefix
 * @param documentAttributes attributes the read model keeps outside the SCIM attributes ({@code id}, {@code meta})
 * @param coreAttributes     core attributes, indexed under {@link ResourceDocument#RESOURCE}
 * @param extensions         extension schema URN → its attributes, indexed under {@code resource.<urn>}
 */
public record ResourceSchema(String resourceType, String coreSchema, List<Attribute> documentAttributes, List<Attribute> coreAttributes,
                             Map<String, List<Attribute>> extensions) {

    /** {@code id} and {@code meta}, which every resource document keeps outside its SCIM attributes. */
    public static final List<Attribute> ID_AND_META = List.of(
            new Attribute("id", AttributeType.CASE_EXACT_STRING, false, ResourceDocument.RESOURCE_ID, List.of()),
            // meta always exists, so "meta pr" is answered by a field every document has.
            new Attribute("meta", AttributeType.COMPLEX, false, ResourceDocument.CREATED, List.of(
                    new Attribute("created", AttributeType.DATE_TIME, false, ResourceDocument.CREATED, List.of()),
                    new Attribute("lastModified", AttributeType.DATE_TIME, false, ResourceDocument.LAST_MODIFIED,
                            List.of()))));

    public ResourceSchema {
        documentAttributes = List.copyOf(documentAttributes);
        coreAttributes = List.copyOf(coreAttributes);
        extensions = Map.copyOf(extensions);
    }

    /**
     * The attribute called {@code name} (case-insensitive) in the schema {@code schemaUrn}, or in the core
     * schema when {@code schemaUrn} is null.
     */
    public Optional<Attribute> attribute(String schemaUrn, String name) {
        if (schemaUrn == null || schemaUrn.equalsIgnoreCase(coreSchema)) {
            return find(documentAttributes, name).or(() -> find(coreAttributes, name));
        }
        return extensions.entrySet().stream()
                .filter(extension -> extension.getKey().equalsIgnoreCase(schemaUrn))
                .findFirst()
                .flatMap(extension -> find(extension.getValue(), name));
    }

    private static Optional<Attribute> find(List<Attribute> attributes, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return attributes.stream().filter(a -> a.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
