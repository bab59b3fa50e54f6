package org.eventscim.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ScimSyntax;
import org.eventscim.query.index.Attribute;
import org.eventscim.query.index.AttributeType;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.index.ResourceSchema;
import org.eventscim.query.index.SortValues;

/**
 * The order of a list ({@code sortBy} / {@code sortOrder}, RFC 7644 §3.4.2.3), resolved against the same
 * {@link ResourceSchema} as filters. Without {@code sortBy} resources come in creation order. Strings that
 * are not {@code caseExact} sort case-insensitively: their keyword fields carry the lowercase normalizer.
 * A sub-attribute of a multi-valued attribute ({@code emails.value}, or {@code emails} for its value) sorts
 * by the primary value, else the first, which the projection keeps in {@link SortValues}. Resources without
 * a value sort last in either order. The resource id breaks every tie, so pages neither repeat nor skip.
 *
 * @param field      the field sorted by
 * @param descending whether {@code sortOrder} is {@code descending}
 */
public record Sorting(String field, boolean descending) {

    private static final Set<String> ALWAYS_PRESENT_DATES = Set.of(ResourceDocument.CREATED, ResourceDocument.LAST_MODIFIED);
    private static final long MIN_WINDOW_MILLIS = 1_000;

    /**
     * @throws ScimException 400 {@code invalidValue} for an attribute that is unknown, complex, derived
     *                       from memberships, or a {@code sortOrder} other than ascending / descending
     */
    public static Sorting of(ResourceSchema schema, String sortBy, String sortOrder) {
        boolean descending = descending(sortOrder);
        if (sortBy == null || sortBy.isBlank()) {
            // Creation order: what a list without sortBy has always been.
            return new Sorting(ResourceDocument.CREATED, descending);
        }
        Path path;
        try {
            path = ScimSyntax.path(sortBy.trim());
        } catch (BadRequestException invalid) {
            throw ScimException.invalidValue("Invalid sortBy '" + sortBy + "': " + invalid.getMessage());
        }
        if (path.size() == 0 || path.size() > 2 || path.getElement(0).getValueFilter() != null
                || (path.size() == 2 && path.getElement(1).getValueFilter() != null)) {
            throw cannotSortBy(sortBy, "name a singular attribute or a sub-attribute");
        }
        Attribute top = schema.attribute(path.getSchemaUrn(), path.getElement(0).getAttribute())
                .orElseThrow(() -> cannotSortBy(sortBy, "it is not an indexed attribute"));
        if (top.type() == AttributeType.MEMBERSHIP) {
            throw cannotSortBy(sortBy, "memberships are not sortable");
        }
        Attribute sorted = top;
        if (path.size() == 2) {
            if (!top.isComplex()) {
                throw cannotSortBy(sortBy, top.name() + " has no sub-attributes");
            }
            sorted = top.subAttribute(path.getElement(1).getAttribute())
                    .orElseThrow(() -> cannotSortBy(sortBy, "it is not an indexed attribute"));
        } else if (top.isComplex()) {
            // A multi-valued attribute sorts by its value (RFC 7644 §3.4.2.3); a singular complex one has none.
            sorted = top.multiValued() ? top.subAttribute("value")
                    .orElseThrow(() -> cannotSortBy(sortBy, "it has no value; name a sub-attribute"))
                    : null;
            if (sorted == null) {
                throw cannotSortBy(sortBy, "it is complex; name a sub-attribute such as "
                        + top.name() + "." + top.subAttributes().getFirst().name());
            }
        }
        return new Sorting(top.isNested() ? SortValues.field(top, sorted) : sorted.field(), descending);
    }

    /** The sort of a search: this field, then the resource id, which is unique within a tenant. */
    List<SortOptions> options() {
        SortOrder order = descending ? SortOrder.Desc : SortOrder.Asc;
        return List.of(
                SortOptions.of(sort -> sort.field(by -> by.field(field).order(order).missing("_last")
                        // An index created before a field was mapped sorts it as missing rather than failing.
                        .unmappedType(FieldType.Keyword))),
                SortOptions.of(sort -> sort.field(by -> by.field(ResourceDocument.RESOURCE_ID).order(order))));
    }

    /**
     * For the dates every live resource has, a filter that keeps only what lies from {@code after} (the sort
     * values of a page's last result) to {@code windowMillis} beyond it, in this order; empty for other sorts.
     * search_after alone makes Elasticsearch visit every result before that point again on each page (walking a
     * million users, a page took from 5.6 ms at the start to 20.7 ms at the end), and an open range costs what
     * lies after it; a window of about a page costs a page. It keeps ties (the id breaks them), and a page that
     * does not fill within the window is read again without it ({@code windowMillis} null).
     */
    Optional<Query> resumingAfter(List<FieldValue> after, Long windowMillis) {
        if (!ALWAYS_PRESENT_DATES.contains(field) || after.isEmpty() || !after.getFirst().isLong()) {
            return Optional.empty();
        }
        long from = after.getFirst().longValue();
        return Optional.of(Query.of(query -> query.range(range -> range.date(date -> {
            date.field(field).format("epoch_millis");
            if (descending) {
                date.lte(String.valueOf(from));
                return windowMillis == null ? date : date.gte(String.valueOf(from - windowMillis));
            }
            date.gte(String.valueOf(from));
            return windowMillis == null ? date : date.lte(String.valueOf(from + windowMillis));
        }))));
    }

    /**
     * The window for the page after one whose results' first sort values ran from {@code first} to {@code last}:
     * four times the span it covered, at least a second. Null where {@link #resumingAfter} narrows nothing.
     */
    Long nextWindow(List<FieldValue> first, List<FieldValue> last) {
        if (!ALWAYS_PRESENT_DATES.contains(field) || first.isEmpty() || last.isEmpty()
                || !first.getFirst().isLong() || !last.getFirst().isLong()) {
            return null;
        }
        long span = Math.abs(last.getFirst().longValue() - first.getFirst().longValue());
        return Math.max(MIN_WINDOW_MILLIS, Math.multiplyExact(Math.min(span, Long.MAX_VALUE / 8), 4L));
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        return switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
            case "ascending" -> false;
            case "descending" -> true;
            default -> throw ScimException.invalidValue("sortOrder must be ascending or descending, not '"
                    + sortOrder + "'.");
        };
    }

    private static ScimException cannotSortBy(String sortBy, String reason) {
        return ScimException.invalidValue("Cannot sort by '" + sortBy + "': " + reason + ".");
    }
}
