package org.eventscim.query.index;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SCIM attribute as the read model indexes it.
 *
 * @param name          the attribute name as RFC 7643 spells it
 * @param type          how it is indexed
 * @param multiValued   whether it holds a list (a multi-valued complex attribute becomes a {@code nested} field)
 * @param field         the Elasticsearch field holding it
 * @param subAttributes the sub-attributes of a complex attribute
 */
public record Attribute(String name, AttributeType type, boolean multiValued, String field, List<Attribute> subAttributes) {

    public Attribute {
        subAttributes = List.copyOf(subAttributes);
    }

    /**
     * A multi-valued reference derived from the memberships read model ({@code Group.members},
     * {@code User.groups}), filterable by its {@code value} only: the resource ids a value resolves to
     * are matched on {@link ResourceDocument#RESOURCE_ID}.
     */
    public static Attribute membership(String name) {
        String field = ResourceDocument.RESOURCE_ID;
        return new Attribute(name, AttributeType.MEMBERSHIP, true, field, List.of(
                new Attribute("value", AttributeType.CASE_EXACT_STRING, false, field, List.of())));
    }

    public boolean isComplex() {
        return type == AttributeType.COMPLEX;
    }

    /** Whether comparisons on this attribute's values must run inside a {@code nested} query on {@link #field}. */
    public boolean isNested() {
        return isComplex() && multiValued;
    }

    /** Attribute names are case-insensitive (RFC 7643 §2.1). */
    public Optional<Attribute> subAttribute(String subName) {
        String wanted = subName.toLowerCase(Locale.ROOT);
        return subAttributes.stream().filter(sub -> sub.name.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
