package org.eventscim.query.index;

import static org.eventscim.query.index.IndexDefinition.type;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The read model of one resource type (users, groups): {@link ResourceDocument}s in an index with an
 * explicit mapping behind an alias. The mapping comes from the {@link ResourceSchema}, the same
 * definition the filter translator reads.
 *
 * @param resourceType {@code User} or {@code Group}
 * @param schema       the indexed attributes
 * @param settings     index, alias and their settings
 */
public record ResourceIndex(String resourceType, ResourceSchema schema, ReadModelProperties.Index settings) {

    private static final String NORMALIZER = "scim_case_insensitive";
    /**
     * Longer strings are kept but not indexed, so no filter finds them. Lucene refuses terms over 32766 bytes;
     * 8191 characters stay below that in any UTF-8.
     */
    public static final int IGNORE_ABOVE = 8191;

    /** The name every read and write uses. */
    public String alias() {
        return settings.alias();
    }

    public int maxResultWindow() {
        return settings.maxResultWindow();
    }

    /** The document as it is written: with the values its multi-valued attributes sort by. */
    public ResourceDocument indexed(ResourceDocument document) {
        return document.resource() == null ? document : document.withSortValues(SortValues.of(schema, document.resource()));
    }

    /** Settings, mapping and alias of a new index. */
    ObjectNode definition() {
        ObjectNode definition = IndexDefinition.of(settings);
        ((ObjectNode) definition.path("settings").path("index")).putObject("analysis").putObject("normalizer")
                .putObject(NORMALIZER).put("type", "custom").putArray("filter").add("lowercase");

        ObjectNode properties = IndexDefinition.properties(definition);
        properties.set(ResourceDocument.TENANT, type("keyword"));
        properties.set(ResourceDocument.RESOURCE_ID, type("keyword"));
        properties.set(ResourceDocument.VERSION, type("long"));
        properties.set(ResourceDocument.DELETED, type("boolean"));
        properties.set(ResourceDocument.CREATED, type("date"));
        properties.set(ResourceDocument.LAST_MODIFIED, type("date"));
        properties.set(ResourceDocument.UNINDEXED_RESOURCE, type("object").put("enabled", false));

        ObjectNode resource = properties.putObject(ResourceDocument.RESOURCE);
        resource.put("type", "object").put("dynamic", "false");
        ObjectNode resourceProperties = properties(schema.coreAttributes());
        for (Map.Entry<String, List<Attribute>> extension : schema.extensions().entrySet()) {
            ObjectNode extensionObject = type("object");
            extensionObject.set("properties", properties(extension.getValue()));
            resourceProperties.set(extension.getKey(), extensionObject);
        }
        resource.set("properties", resourceProperties);

        ObjectNode sortValues = properties.putObject(ResourceDocument.SORT_VALUES);
        sortValues.put("type", "object").put("dynamic", "false");
        ObjectNode sortProperties = sortValues.putObject("properties");
        // One value per multi-valued attribute: an object, not nested, with the attribute's sub-attributes.
        schema.coreAttributes().stream().filter(Attribute::isNested).forEach(attribute -> sortProperties.set(
                attribute.name(), type("object").set("properties", properties(attribute.subAttributes()))));
        return definition;
    }

    private static ObjectNode properties(List<Attribute> attributes) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        for (Attribute attribute : attributes) {
            if (attribute.type() != AttributeType.MEMBERSHIP) {
                properties.set(attribute.name(), field(attribute));
            }
        }
        return properties;
    }

    private static ObjectNode field(Attribute attribute) {
        return switch (attribute.type()) {
            case STRING -> type("keyword").put("normalizer", NORMALIZER).put("ignore_above", IGNORE_ABOVE);
            case CASE_EXACT_STRING -> type("keyword").put("ignore_above", IGNORE_ABOVE);
            case BOOLEAN -> type("boolean");
            case DATE_TIME -> type("date");
            case COMPLEX -> {
                ObjectNode complex = type(attribute.multiValued() ? "nested" : "object");
                complex.set("properties", properties(attribute.subAttributes()));
                yield complex;
            }
            case MEMBERSHIP -> throw new IllegalArgumentException(attribute.name() + " is not stored in the resource");
        };
    }
}
