package org.eventscim.query.search;

import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;

/**
 * One page of a list request in SCIM terms (RFC 7644 §3.4.2.4): 1-based {@code startIndex} (values below 1
 * count as 1) and {@code count} (negative counts as 0, which asks for {@code totalResults} only).
 *
 * @param startIndex the normalised 1-based index of the first result
 * @param count      how many results to return at most
 */
public record Page(int startIndex, int count) {

    public static Page of(Integer startIndex, Integer count, SearchProperties limits) {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? limits.defaultCount() : Math.min(Math.max(count, 0), limits.maxCount());
        return new Page(start, size);
    }

    int from() {
        return startIndex - 1;
    }

    /** This page cut to the index's result window; a start beyond it is refused rather than answered empty. */
    Page within(int maxResultWindow) {
        if (count > 0 && from() >= maxResultWindow) {
            throw new ScimException(HttpStatus.BAD_REQUEST, "tooMany",
                    "startIndex may not exceed " + maxResultWindow + "; narrow the filter instead.");
        }
        return new Page(startIndex, Math.min(count, Math.max(maxResultWindow - from(), 0)));
    }
}
