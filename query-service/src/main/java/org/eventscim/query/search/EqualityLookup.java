package org.eventscim.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import java.util.Optional;
import org.eventscim.protocol.schema.ScimSyntax;
import org.eventscim.query.index.Attribute;
import org.eventscim.query.index.AttributeType;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.index.ResourceIndex;
import org.eventscim.query.index.ResourceSchema;

/**
 * A filter of the form IdPs send before nearly every write, {@code <attribute> eq "<text>"} on a singular string
 * attribute of the core schema or {@code id} ({@code userName eq "bjensen"}, {@code externalId eq "..."}, Groups'
 * {@code displayName eq "..."}), decided for one document exactly as the index decides it: a case-insensitive
 * attribute compared lower-cased code point by code point (the index's lowercase normaliser), a case-exact one as
 * it is, and a value longer than the index keeps ({@link ResourceIndex#IGNORE_ABOVE}) never found. So documents not
 * searchable yet can be matched here, and the search need not wait for a refresh.
 */
final class EqualityLookup {

    private static final String RESOURCE_PREFIX = ResourceDocument.RESOURCE + ".";

    private final Attribute attribute;
    private final String value;

    private EqualityLookup(Attribute attribute, String value) {
        this.attribute = attribute;
        this.value = value;
    }

    /** The lookup the filter is, or empty for any other filter (which the index alone must decide). */
    static Optional<EqualityLookup> of(ResourceSchema schema, String filterText) {
        if (filterText == null || filterText.isBlank()) {
            return Optional.empty();
        }
        Filter filter;
        try {
            filter = ScimSyntax.filter(filterText);
        } catch (BadRequestException malformed) {
            return Optional.empty();
        }
        if (!(filter instanceof EqualFilter equal) || !equal.getComparisonValue().isTextual()) {
            return Optional.empty();
        }
        Path path = equal.getAttributePath();
        if (path.size() != 1 || path.getElement(0).getValueFilter() != null) {
            return Optional.empty();
        }
        return schema.attribute(path.getSchemaUrn(), path.getElement(0).getAttribute())
                .filter(attribute -> !attribute.multiValued())
                .filter(attribute -> attribute.type() == AttributeType.STRING
                        || attribute.type() == AttributeType.CASE_EXACT_STRING)
                .filter(attribute -> attribute.field().equals(ResourceDocument.RESOURCE_ID)
                        || attribute.field().equals(RESOURCE_PREFIX + attribute.name()))
                .map(attribute -> new EqualityLookup(attribute, equal.getComparisonValue().textValue()));
    }

    /** Whether the index finds this document with the filter: a live one, whose indexed value equals the text. */
    boolean matches(ResourceDocument document) {
        if (document.deleted()) {
            return false;
        }
        String stored;
        if (attribute.field().equals(ResourceDocument.RESOURCE_ID)) {
            stored = document.resourceId();
        } else {
            // Attributes the index rejected are kept unindexed: no filter finds them.
            JsonNode node = document.resource() == null ? null : document.resource().get(attribute.name());
            if (node == null || !node.isTextual()) {
                return false;
            }
            stored = node.textValue();
        }
        if (stored.length() > ResourceIndex.IGNORE_ABOVE || value.length() > ResourceIndex.IGNORE_ABOVE) {
            return false;
        }
        return attribute.type() == AttributeType.CASE_EXACT_STRING ? stored.equals(value)
                : lowerCase(stored).equals(lowerCase(value));
    }

    /** As Lucene's lowercase filter: each code point by itself, whatever the locale. */
    private static String lowerCase(String text) {
        StringBuilder lower = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> lower.appendCodePoint(Character.toLowerCase(codePoint)));
        return lower.toString();
    }
}
