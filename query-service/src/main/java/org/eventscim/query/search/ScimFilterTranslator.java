package org.eventscim.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.schema.ScimSyntax;
import org.eventscim.query.index.Attribute;
import org.eventscim.query.index.AttributeType;
import org.eventscim.query.index.ResourceSchema;

/**
 * The one translation of SCIM filters (RFC 7644 §3.4.2.2) into Elasticsearch queries. The filter is
 * parsed by the UnboundID SCIM SDK and walked with its {@link FilterVisitor}; values only ever become
 * typed query values, never query text.
 *
 * <p>Attribute names are case-insensitive; values compare case-insensitively unless the attribute is
 * {@code caseExact} (see {@link ResourceSchema}). Each comparison on a sub-attribute of a multi-valued
 * attribute is its own {@code nested} query, so {@code emails.type eq "work" and emails.value co "@x"}
 * may match two different emails, as the RFC says, while {@code emails[type eq "work" and value co "@x"]}
 * must match one.
 *
 * <p>Membership attributes ({@code Group.members}, {@code User.groups}) are not in the resource document:
 * {@code members eq "u"}, {@code members.value eq "u"} and {@code members[value eq "u"]} are resolved to
 * the matching resource ids by a {@link MembershipResolver} of the caller's tenant and become a terms
 * query on the resource id, so they combine with everything else through and, or and not.
 */
public final class ScimFilterTranslator {

    /** Long enough for any real IdP filter; bounds the size of the query built from it. */
    static final int MAX_FILTER_LENGTH = 10_000;
    private static final String RESOURCE_TYPE = "resourceType";

    private final ResourceSchema schema;

    public ScimFilterTranslator(ResourceSchema schema) {
        this.schema = schema;
    }

    /**
     * @param memberships resolves membership predicates; tenant-scoped by the caller
     * @throws ScimException 400 {@code invalidFilter} when the filter is malformed or uses what is unsupported
     */
    public Query translate(String filterText, MembershipResolver memberships) {
        if (filterText.length() > MAX_FILTER_LENGTH) {
            throw ScimException.invalidFilter("The filter is longer than " + MAX_FILTER_LENGTH + " characters.");
        }
        Filter filter;
        try {
            filter = ScimSyntax.filter(filterText);
        } catch (BadRequestException malformed) {
            throw ScimException.invalidFilter("Invalid filter: " + malformed.getMessage());
        }
        try {
            return filter.visit(new Translation(memberships), null);
        } catch (com.unboundid.scim2.common.exceptions.ScimException unexpected) {
            throw ScimException.invalidFilter("Invalid filter: " + unexpected.getMessage());
        }
    }

    /** The visitor; its parameter is the complex attribute whose value filter ({@code emails[...]}) is being read. */
    private final class Translation implements FilterVisitor<Query, Attribute> {

        private final MembershipResolver memberships;

        Translation(MembershipResolver memberships) {
            this.memberships = memberships;
        }

        @Override
        public Query visit(EqualFilter filter, Attribute scope) {
            Attribute membership = scope == null ? membership(filter.getAttributePath()) : null;
            if (membership != null) {
                if (filter.getComparisonValue().isNull()) {
                    // "In no group" would need every membership of the tenant; only ids are resolved.
                    throw membershipOnlyByValue(membership);
                }
                return memberOf(membership, filter.getComparisonValue());
            }
            if (filter.getComparisonValue().isNull()) {
                return not(present(filter.getAttributePath(), scope));
            }
            return comparison(filter, scope, this::equal);
        }

        @Override
        public Query visit(NotEqualFilter filter, Attribute scope) {
            if (filter.getComparisonValue().isNull()) {
                return present(filter.getAttributePath(), scope);
            }
            if (namesResourceType(filter.getAttributePath(), scope)) {
                return resourceType(filter.getFilterType(), filter.getComparisonValue());
            }
            Target target = resolve(filter.getAttributePath(), scope, "ne");
            return not(nestedIfNeeded(target, scope, equal(target.attribute(), filter.getComparisonValue())));
        }

        @Override
        public Query visit(ContainsFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) ->
                    wildcard(attribute, "*" + escapeWildcard(substring(attribute, value, "co")) + "*"));
        }

        @Override
        public Query visit(StartsWithFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) -> Query.of(query -> query.prefix(prefix -> prefix
                    .field(attribute.field())
                    .value(substring(attribute, value, "sw"))
                    .caseInsensitive(attribute.type() == AttributeType.STRING))));
        }

        @Override
        public Query visit(EndsWithFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) ->
                    wildcard(attribute, "*" + escapeWildcard(substring(attribute, value, "ew"))));
        }

        @Override
        public Query visit(PresentFilter filter, Attribute scope) {
            return present(filter.getAttributePath(), scope);
        }

        /**
         * {@code pr}, and what {@code eq null} negates and {@code ne null} means: RFC 7643 §2.5 makes an
         * unassigned attribute and a null one the same state.
         */
        private Query present(Path path, Attribute scope) {
            if (namesResourceType(path, scope)) {
                return resourceType(FilterType.PRESENT, null);
            }
            Target target = resolve(path, scope, "pr");
            Attribute attribute = target.attribute();
            if (attribute.isNested() && scope == null && target.nestedParent() == attribute) {
                // A multi-valued complex attribute is present when it has at least one value.
                return nested(attribute, Query.of(query -> query.matchAll(all -> all)));
            }
            return nestedIfNeeded(target, scope, exists(attribute));
        }

        @Override
        public Query visit(GreaterThanFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) -> range(attribute, value, "gt"));
        }

        @Override
        public Query visit(GreaterThanOrEqualFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) -> range(attribute, value, "ge"));
        }

        @Override
        public Query visit(LessThanFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) -> range(attribute, value, "lt"));
        }

        @Override
        public Query visit(LessThanOrEqualFilter filter, Attribute scope) {
            return comparison(filter, scope, (attribute, value) -> range(attribute, value, "le"));
        }

        @Override
        public Query visit(AndFilter filter, Attribute scope) throws com.unboundid.scim2.common.exceptions.ScimException {
            List<Query> operands = operands(filter.getCombinedFilters(), scope);
            return Query.of(query -> query.bool(bool -> bool.filter(operands)));
        }

        @Override
        public Query visit(OrFilter filter, Attribute scope) throws com.unboundid.scim2.common.exceptions.ScimException {
            List<Query> operands = operands(filter.getCombinedFilters(), scope);
            return Query.of(query -> query.bool(bool -> bool.should(operands).minimumShouldMatch("1")));
        }

        @Override
        public Query visit(NotFilter filter, Attribute scope) throws com.unboundid.scim2.common.exceptions.ScimException {
            return not(filter.getInvertedFilter().visit(this, scope));
        }

        @Override
        public Query visit(ComplexValueFilter filter, Attribute scope) throws com.unboundid.scim2.common.exceptions.ScimException {
            if (scope != null) {
                throw ScimException.invalidFilter("Value filters cannot be nested: " + filter);
            }
            Attribute attribute = topLevel(filter.getAttributePath());
            if (attribute.type() == AttributeType.MEMBERSHIP) {
                if (filter.getValueFilter() instanceof EqualFilter equal && equal.getAttributePath().size() == 1
                        && equal.getAttributePath().getSchemaUrn() == null
                        && equal.getAttributePath().getElement(0).getValueFilter() == null
                        && attribute.subAttribute(equal.getAttributePath().getElement(0).getAttribute()).isPresent()) {
                    return memberOf(attribute, equal.getComparisonValue());
                }
                throw membershipOnlyByValue(attribute);
            }
            if (!attribute.isComplex()) {
                throw ScimException.invalidFilter("'" + attribute.name() + "' has no sub-attributes to filter on.");
            }
            Query inner = filter.getValueFilter().visit(this, attribute);
            if (attribute.isNested()) {
                return nested(attribute, inner);
            }
            // The value filter is about the attribute's value: a resource without one has nothing to match,
            // even when the inner filter alone would match absence (name[not (givenName eq "x")]).
            return Query.of(query -> query.bool(bool -> bool.filter(exists(attribute), inner)));
        }

        /** The membership attribute an equality names ({@code members} or {@code members.value}), or null. */
        private Attribute membership(Path path) {
            if (path.size() == 0 || path.size() > 2) {
                return null;
            }
            for (Path.Element element : path) {
                if (element.getValueFilter() != null) {
                    return null;
                }
            }
            Attribute top = schema.attribute(path.getSchemaUrn(), path.getElement(0).getAttribute()).orElse(null);
            if (top == null || top.type() != AttributeType.MEMBERSHIP) {
                return null;
            }
            return path.size() == 1 || top.subAttribute(path.getElement(1).getAttribute()).isPresent() ? top : null;
        }

        /** The resources holding {@code value} in the membership attribute, as resolved in the memberships read model. */
        private Query memberOf(Attribute membership, ValueNode value) {
            List<FieldValue> ids = memberships.resourceIds(text(membership, value, "eq")).stream()
                    .map(FieldValue::of)
                    .toList();
            return Query.of(query -> query.terms(terms -> terms.field(membership.field())
                    .terms(values -> values.value(ids))));
        }

        private List<Query> operands(List<Filter> filters, Attribute scope)
                throws com.unboundid.scim2.common.exceptions.ScimException {
            List<Query> operands = new ArrayList<>(filters.size());
            for (Filter operand : filters) {
                operands.add(operand.visit(this, scope));
            }
            return operands;
        }

        private Query comparison(Filter filter, Attribute scope, Leaf leaf) {
            if (namesResourceType(filter.getAttributePath(), scope)) {
                return resourceType(filter.getFilterType(), filter.getComparisonValue());
            }
            Target target = resolve(filter.getAttributePath(), scope, filter.getFilterType().getStringValue());
            return nestedIfNeeded(target, scope, leaf.query(target.attribute(), filter.getComparisonValue()));
        }

        private Query equal(Attribute attribute, ValueNode value) {
            return switch (attribute.type()) {
                case STRING, CASE_EXACT_STRING -> Query.of(query -> query.term(term -> term
                        .field(attribute.field()).value(FieldValue.of(text(attribute, value, "eq")))));
                case BOOLEAN -> Query.of(query -> query.term(term -> term
                        .field(attribute.field()).value(FieldValue.of(bool(attribute, value)))));
                case DATE_TIME -> {
                    String instant = dateTime(attribute, value);
                    yield Query.of(query -> query.range(range -> range.date(date -> date
                            .field(attribute.field()).gte(instant).lte(instant))));
                }
                case COMPLEX, MEMBERSHIP -> throw unsupported("eq", attribute);
            };
        }

        private Query range(Attribute attribute, ValueNode value, String operator) {
            return switch (attribute.type()) {
                case STRING, CASE_EXACT_STRING -> {
                    String bound = text(attribute, value, operator);
                    yield Query.of(query -> query.range(range -> range.term(term -> {
                        term.field(attribute.field());
                        return switch (operator) {
                            case "gt" -> term.gt(bound);
                            case "ge" -> term.gte(bound);
                            case "lt" -> term.lt(bound);
                            default -> term.lte(bound);
                        };
                    })));
                }
                case DATE_TIME -> {
                    String bound = dateTime(attribute, value);
                    yield Query.of(query -> query.range(range -> range.date(date -> {
                        date.field(attribute.field());
                        return switch (operator) {
                            case "gt" -> date.gt(bound);
                            case "ge" -> date.gte(bound);
                            case "lt" -> date.lt(bound);
                            default -> date.lte(bound);
                        };
                    })));
                }
                case BOOLEAN, COMPLEX, MEMBERSHIP -> throw unsupported(operator, attribute);
            };
        }

        private Query wildcard(Attribute attribute, String pattern) {
            return Query.of(query -> query.wildcard(wildcard -> wildcard
                    .field(attribute.field())
                    .value(pattern)
                    .caseInsensitive(attribute.type() == AttributeType.STRING)));
        }

        /**
         * The attribute a filter path names, relative to {@code scope} inside a value filter. A complex
         * multi-valued attribute compared directly ({@code emails co "@x"}) means its {@code value}; a
         * single-valued one cannot be compared directly.
         */
        private Target resolve(Path path, Attribute scope, String operator) {
            for (Path.Element element : path) {
                if (element.getValueFilter() != null) {
                    throw ScimException.invalidFilter("A value filter cannot appear inside an attribute path: " + path);
                }
            }
            if (scope != null) {
                if (path.getSchemaUrn() != null || path.size() != 1) {
                    throw ScimException.invalidFilter("Inside " + scope.name() + "[...], name a sub-attribute of "
                            + scope.name() + ": " + path);
                }
                Attribute sub = scope.subAttribute(path.getElement(0).getAttribute())
                        .orElseThrow(() -> unknown(scope.name() + "." + path.getElement(0).getAttribute()));
                return new Target(sub, scope.isNested() ? scope : null);
            }
            Attribute top = topLevel(path);
            if (top.type() == AttributeType.MEMBERSHIP) {
                throw membershipOnlyByValue(top);
            }
            if (path.size() == 1) {
                if (top.isComplex() && !operator.equals("pr")) {
                    // RFC 7644 §3.4.2.2 lets "emails co ..." mean the values of a multi-valued attribute; a
                    // single-valued complex attribute (name, manager) must name its sub-attribute.
                    Attribute value = top.isNested() ? top.subAttribute("value").orElse(null) : null;
                    if (value == null) {
                        throw unsupported(operator, top);
                    }
                    return new Target(value, top);
                }
                return new Target(top, top.isNested() ? top : null);
            }
            if (path.size() > 2 || !top.isComplex()) {
                throw unknown(path.toString());
            }
            Attribute sub = top.subAttribute(path.getElement(1).getAttribute())
                    .orElseThrow(() -> unknown(path.toString()));
            return new Target(sub, top.isNested() ? top : null);
        }

        /** {@code meta.resourceType}, or {@code resourceType} inside {@code meta[...]}. */
        private boolean namesResourceType(Path path, Attribute scope) {
            if (scope != null) {
                return scope.name().equals("meta") && path.size() == 1 && path.getSchemaUrn() == null
                        && path.getElement(0).getAttribute().equalsIgnoreCase(RESOURCE_TYPE);
            }
            return path.size() == 2 && (path.getSchemaUrn() == null || path.getSchemaUrn().equalsIgnoreCase(schema.coreSchema()))
                    && path.getElement(0).getAttribute().equalsIgnoreCase("meta")
                    && path.getElement(0).getValueFilter() == null
                    && path.getElement(1).getAttribute().equalsIgnoreCase(RESOURCE_TYPE);
        }

        /**
         * {@code meta.resourceType} is the same for every resource a search reads (RFC 7644 §3.4.2.2 filters on it),
         * so the comparison is decided here, case-exact as RFC 7643 §3.1 defines the attribute, and matches all of
         * them or none.
         */
        private Query resourceType(FilterType operator, ValueNode value) {
            String name = schema.resourceType();
            if (operator == FilterType.PRESENT) {
                return matching(true);
            }
            if (value == null || value.isNull()) {
                throw ScimException.invalidFilter("'" + operator.getStringValue() + "' cannot compare meta."
                        + RESOURCE_TYPE + " with null.");
            }
            if (!value.isTextual()) {
                throw ScimException.invalidFilter("meta." + RESOURCE_TYPE + " is a string; compare it with a quoted string.");
            }
            String compared = value.asText();
            return matching(switch (operator) {
                case EQUAL -> name.equals(compared);
                case NOT_EQUAL -> !name.equals(compared);
                case CONTAINS -> name.contains(compared);
                case STARTS_WITH -> name.startsWith(compared);
                case ENDS_WITH -> name.endsWith(compared);
                case GREATER_THAN -> name.compareTo(compared) > 0;
                case GREATER_OR_EQUAL -> name.compareTo(compared) >= 0;
                case LESS_THAN -> name.compareTo(compared) < 0;
                case LESS_OR_EQUAL -> name.compareTo(compared) <= 0;
                default -> throw ScimException.invalidFilter("Invalid filter on meta." + RESOURCE_TYPE + ".");
            });
        }

        private Attribute topLevel(Path path) {
            if (path.size() == 0) {
                throw ScimException.invalidFilter("A filter needs an attribute name.");
            }
            String name = path.getElement(0).getAttribute();
            return schema.attribute(path.getSchemaUrn(), name).orElseThrow(() -> unknown(path.toString()));
        }

        private Query nestedIfNeeded(Target target, Attribute scope, Query leaf) {
            // Inside a value filter the enclosing nested query already scopes the comparison to one value.
            return target.nestedParent() != null && scope == null ? nested(target.nestedParent(), leaf) : leaf;
        }
    }

    private static Query nested(Attribute multiValued, Query inner) {
        return Query.of(query -> query.nested(nested -> nested
                .path(multiValued.field()).query(inner).scoreMode(ChildScoreMode.None)));
    }

    private static Query matching(boolean all) {
        return all ? Query.of(query -> query.matchAll(everything -> everything))
                : Query.of(query -> query.matchNone(nothing -> nothing));
    }

    private static Query exists(Attribute attribute) {
        return Query.of(query -> query.exists(exists -> exists.field(attribute.field())));
    }

    private static Query not(Query inner) {
        return Query.of(query -> query.bool(bool -> bool.mustNot(inner)));
    }

    private static String text(Attribute attribute, ValueNode value, String operator) {
        if (value == null || value.isNull()) {
            throw ScimException.invalidFilter("'" + operator + "' cannot compare " + attribute.name()
                    + " with null; only eq and ne can (null means absent, as 'pr' does).");
        }
        // A number or boolean is not a string (RFC 7644 §3.4.2.2 compares values of the attribute's type):
        // employeeNumber eq 42 would otherwise half-match "42" (as text for eq, never for co).
        if (!value.isTextual()) {
            throw ScimException.invalidFilter(attribute.name() + " is a string; compare it with a quoted string.");
        }
        return value.asText();
    }

    /** co, sw and ew compare strings only (RFC 7644 §3.4.2.2); a date or a boolean has no substrings to match. */
    private static String substring(Attribute attribute, ValueNode value, String operator) {
        if (attribute.type() != AttributeType.STRING && attribute.type() != AttributeType.CASE_EXACT_STRING) {
            throw unsupported(operator, attribute);
        }
        return text(attribute, value, operator);
    }

    private static boolean bool(Attribute attribute, ValueNode value) {
        if (value == null || !value.isBoolean()) {
            throw ScimException.invalidFilter(attribute.name() + " is a boolean; compare it with true or false.");
        }
        return value.booleanValue();
    }

    private static String dateTime(Attribute attribute, ValueNode value) {
        if (value == null || !value.isTextual()) {
            throw ScimException.invalidFilter(attribute.name() + " is a dateTime; compare it with a quoted xsd:dateTime.");
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value.asText()).toString();
            } catch (DateTimeParseException invalid) {
                throw ScimException.invalidFilter("'" + value.asText() + "' is not a valid dateTime for "
                        + attribute.name() + " (expected e.g. 2011-05-13T04:42:34Z).");
            }
        }
    }

    /** Wildcard queries treat {@code * ? \} specially; a user's value matches them literally. */
    static String escapeWildcard(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static ScimException unknown(String path) {
        return ScimException.invalidFilter("Unknown or unfilterable attribute '" + path + "'.");
    }

    private static ScimException membershipOnlyByValue(Attribute membership) {
        String name = membership.name();
        return ScimException.invalidFilter("'" + name + "' can only be filtered by equality of its value: "
                + name + " eq \"<id>\", " + name + ".value eq \"<id>\" or " + name + "[value eq \"<id>\"].");
    }

    private static ScimException unsupported(String operator, Attribute attribute) {
        return ScimException.invalidFilter("Operator '" + operator + "' is not supported on "
                + attribute.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " attribute '"
                + attribute.name() + "'.");
    }

    @FunctionalInterface
    private interface Leaf {
        Query query(Attribute attribute, ValueNode value);
    }

    /**
     * @param attribute    the attribute compared
     * @param nestedParent the multi-valued attribute whose values hold it, if any
     */
    private record Target(Attribute attribute, Attribute nestedParent) {
    }
}
