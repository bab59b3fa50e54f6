package org.eventscim.query.search.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eventscim.protocol.ScimSchemas;

/**
 * The expected answer of a filter: UnboundID's {@link FilterEvaluator} over the SCIM JSON of one
 * resource, corrected where it departs from RFC 7643/7644 for the User schema:
 * <ul>
 *   <li>it looks attribute names and schema URNs up case-sensitively, so {@code USERNAME} finds nothing;
 *       RFC 7643 §2.1 makes them case-insensitive, so the filter's names are respelled as the schema
 *       spells them first;</li>
 *   <li>it knows no schema, so it compares every string case-insensitively; {@code id} (RFC 7643 §3.1)
 *       and {@code externalId} are {@code caseExact}, so they are compared exactly here;</li>
 *   <li>its {@code pr} counts an empty complex value ({@code "name": {}}) as present; RFC 7644 §3.4.2.2
 *       says a complex attribute is present only when it "contains a non-empty node"; likewise a value filter
 *       ({@code name[not (givenName eq "x")]}) is not matched by an empty complex value, which RFC 7643
 *       §2.5 treats as unassigned.</li>
 * </ul>
 * What it already gets right, and the service must match: dates compare as instants whatever their
 * offset (JsonUtils parses both sides as xsd:dateTime), {@code ne} and {@code not} match resources that
 * lack the attribute, {@code eq null} matches exactly those (RFC 7643 §2.5: unassigned and null are the
 * same state), a multi-valued attribute matches when any of its values does, and a value filter
 * ({@code emails[...]}) is evaluated against each value on its own.
 */
final class ReferenceFilterEvaluator extends FilterEvaluator {

    private static final ReferenceFilterEvaluator INSTANCE = new ReferenceFilterEvaluator();
    private static final AttributeDefinition CASE_EXACT = new AttributeDefinition.Builder()
            .setName("caseExact").setType(AttributeDefinition.Type.STRING).setCaseExact(true).build();
    private static final List<String> CASE_EXACT_ATTRIBUTES = List.of("id", "externalId");
    /** Every attribute name {@link RandomFilters} uses, as the schema spells it. */
    private static final List<String> NAMES = List.of("id", "externalId", "userName", "displayName", "title", "active",
            "name", "givenName", "familyName", "emails", "value", "type", "display", "primary", "meta", "created",
            "lastModified", "employeeNumber", "department", "manager");

    private ReferenceFilterEvaluator() {
    }

    static boolean matches(Filter filter, JsonNode resource) throws ScimException {
        return canonical(filter).visit(INSTANCE, resource);
    }

    private static Filter canonical(Filter filter) {
        return switch (filter.getFilterType()) {
            case AND -> Filter.and(filter.getCombinedFilters().stream().map(ReferenceFilterEvaluator::canonical).toList());
            case OR -> Filter.or(filter.getCombinedFilters().stream().map(ReferenceFilterEvaluator::canonical).toList());
            case NOT -> Filter.not(canonical(filter.getInvertedFilter()));
            case COMPLEX_VALUE -> Filter.hasComplexValue(canonical(filter.getAttributePath()),
                    canonical(filter.getValueFilter()));
            case PRESENT -> Filter.pr(canonical(filter.getAttributePath()));
            case EQUAL -> Filter.eq(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case NOT_EQUAL -> Filter.ne(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case CONTAINS -> Filter.co(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case STARTS_WITH -> Filter.sw(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case ENDS_WITH -> Filter.ew(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case GREATER_THAN -> Filter.gt(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case GREATER_OR_EQUAL -> Filter.ge(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case LESS_THAN -> Filter.lt(canonical(filter.getAttributePath()), filter.getComparisonValue());
            case LESS_OR_EQUAL -> Filter.le(canonical(filter.getAttributePath()), filter.getComparisonValue());
        };
    }

    private static Path canonical(Path path) {
        String urn = path.getSchemaUrn();
        Path canonical = urn == null ? Path.root()
                : Path.root(urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER) ? ScimSchemas.ENTERPRISE_USER : urn);
        for (Path.Element element : path) {
            String name = NAMES.stream().filter(element.getAttribute()::equalsIgnoreCase).findFirst()
                    .orElse(element.getAttribute());
            canonical = canonical.attribute(name);
        }
        return canonical;
    }

    @Override
    protected AttributeDefinition getAttributeDefinition(Path path) {
        if (path.getSchemaUrn() == null && path.size() == 1) {
            String name = path.getElement(0).getAttribute();
            if (CASE_EXACT_ATTRIBUTES.stream().anyMatch(name::equalsIgnoreCase)) {
                return CASE_EXACT;
            }
        }
        return null;
    }

    @Override
    public Boolean visit(PresentFilter filter, JsonNode resource) throws ScimException {
        if (!resource.isObject()) {
            return false;
        }
        return JsonUtils.findMatchingPaths(filter.getAttributePath(), (ObjectNode) resource).stream()
                .anyMatch(ReferenceFilterEvaluator::nonEmpty);
    }

    @Override
    public Boolean visit(ComplexValueFilter filter, JsonNode resource) throws ScimException {
        if (!resource.isObject()) {
            return false;
        }
        for (JsonNode node : JsonUtils.findMatchingPaths(filter.getAttributePath(), (ObjectNode) resource)) {
            for (JsonNode value : node.isArray() ? node : List.of(node)) {
                if (nonEmpty(value) && filter.getValueFilter().visit(this, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean nonEmpty(JsonNode node) {
        if (node.isContainerNode()) {
            return StreamSupport.stream(node.spliterator(), false).anyMatch(ReferenceFilterEvaluator::nonEmpty);
        }
        return !node.isNull() && !node.isMissingNode();
    }
}
