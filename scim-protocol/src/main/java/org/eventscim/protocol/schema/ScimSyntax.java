package org.eventscim.protocol.schema;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The SDK's parsers of filters (RFC 7644 §3.4.2.2) and attribute paths (§3.10), made safe for any client
 * text; every service parses filters and paths through here. Two faults of the SDK's parser, found by
 * fuzzing, are repaired:
 * <ul>
 *   <li>some malformed input escapes as a runtime exception instead of a {@link BadRequestException} (a JSON
 *       array or object as a comparison value, {@code userName eq ["a"]}, is a {@link ClassCastException}),
 *       which would answer a client's mistake with a 500;</li>
 *   <li>an {@code and} chain of three or more operands followed by {@code or} comes back as a graph that
 *       shares each nested {@code and} twice ({@code a and b and c or d} reads as
 *       {@code (a and (b and c) and b and c) or d}): right, but of 2<sup>n</sup> nodes when walked, so a
 *       filter of 30 {@code and}s, 600 characters, would keep a service busy for hours. Chains of {@code and}
 *       (and of {@code or}) are flattened, each shared operand kept once, which is the same filter;</li>
 *   <li>a value filter or a group left open ({@code emails[type eq "work"}) is read as if it were closed;
 *       a client that sent it meant something else, so it is refused.</li>
 * </ul>
 * Entra ID's comparison after a value filter is read too ({@link TrailingSubAttributes}), and so are the literals
 * {@code true}, {@code false} and {@code null} in any case ({@link LiteralCase}).
 */
public final class ScimSyntax {

    private static final String VALUES = "comparison values are strings, numbers, true, false or null";

    private ScimSyntax() {
    }

    public static Filter filter(String text) throws BadRequestException {
        if (!balanced(text)) {
            throw BadRequestException.invalidFilter("has a '[' or '(' without its closing ']' or ')'");
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(TrailingSubAttributes.rewrite(LiteralCase.lowered(text)));
        } catch (RuntimeException unparsable) {
            throw BadRequestException.invalidFilter("cannot be parsed (" + VALUES + ")");
        }
        return untangled(parsed);
    }

    public static Path path(String text) throws BadRequestException {
        if (!balanced(text)) {
            throw BadRequestException.invalidPath("has a '[' without its closing ']'");
        }
        Path parsed;
        try {
            parsed = Path.fromString(LiteralCase.lowered(text));
        } catch (RuntimeException unparsable) {
            throw BadRequestException.invalidPath("cannot be parsed (" + VALUES + " in a value filter)");
        }
        Path path = parsed.getSchemaUrn() == null ? Path.root() : Path.root(parsed.getSchemaUrn());
        for (Path.Element element : parsed) {
            Filter valueFilter = element.getValueFilter();
            path = path.attribute(element.getAttribute(), valueFilter == null ? null : untangled(valueFilter));
        }
        return path;
    }

    /** Whether every '[' and '(' outside a quoted string is closed, in order. */
    private static boolean balanced(String text) {
        boolean[] outside = OutsideQuotes.of(text);
        Deque<Character> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!outside[i]) {
                continue;
            }
            if (c == '[' || c == '(') {
                open.push(c == '[' ? ']' : ')');
            } else if ((c == ']' || c == ')') && (open.isEmpty() || open.pop() != c)) {
                return false;
            }
        }
        return open.isEmpty();
    }

    /** The same filter as a tree: no node reached twice. */
    private static Filter untangled(Filter filter) {
        return switch (filter.getFilterType()) {
            case AND, OR -> {
                List<Filter> operands = new ArrayList<>();
                collectOperands(filter, filter.getFilterType(), Collections.newSetFromMap(new IdentityHashMap<>()), operands);
                yield operands.size() == 1 ? operands.getFirst()
                        : filter.getFilterType() == FilterType.AND ? Filter.and(operands) : Filter.or(operands);
            }
            case NOT -> Filter.not(untangled(filter.getInvertedFilter()));
            case COMPLEX_VALUE -> Filter.hasComplexValue(filter.getAttributePath(), untangled(filter.getValueFilter()));
            default -> filter;
        };
    }

    /** The operands of a chain of {@code type}, nested chains of the same type lifted, each node once, in order. */
    private static void collectOperands(Filter chain, FilterType type, Set<Filter> seen, List<Filter> operands) {
        for (Filter operand : chain.getCombinedFilters()) {
            if (!seen.add(operand)) {
                continue;
            }
            if (operand.getFilterType() == type) {
                collectOperands(operand, type, seen, operands);
            } else {
                operands.add(untangled(operand));
            }
        }
    }
}
