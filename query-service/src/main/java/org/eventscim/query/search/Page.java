package org.eventscim.query.search;

import org.eventscim.protocol.error.ScimException;

/**
 * One page of a list request in SCIM terms (RFC 7644 §3.4.2.4): 1-based {@code startIndex} (values below 1
 * count as 1) and {@code count} (negative counts as 0, which asks for {@code totalResults} only; above the
 * advertised maximum counts as the maximum).
 *
 * @param startIndex the normalised 1-based index of the first result
 * @param count      how many results to return at most
 */
public record Page(int startIndex, int count) {

    /**
     * @param startIndex the parameter as given, or null
     * @param count      the parameter as given, or null
     * @throws ScimException 400 {@code invalidValue} for a value that is not an integer
     */
    public static Page of(String startIndex, String count, SearchProperties limits) {
        int start = Math.max(integer("startIndex", startIndex, 1), 1);
        return new Page(start, count(count, limits));
    }

    /** {@code count} normalised as for any page, cursor pages included. */
    public static int count(String count, SearchProperties limits) {
        return Math.min(Math.max(integer("count", count, limits.defaultCount()), 0), limits.maxCount());
    }

    int from() {
        return startIndex - 1;
    }

    private static int integer(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            // Beyond an int is beyond any result set: saturate rather than refuse.
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException notAnInteger) {
            throw ScimException.invalidValue(name + " must be an integer, not '" + value + "'.");
        }
    }
}
