package org.eventscim.query.search;

/**
 * The parameters of a list request (RFC 7644 §3.4.2, RFC 9865 §2) as given, by query parameters or a
 * {@code .search} body; each may be null.
 *
 * @param cursor null for index pagination; empty for the first page of cursor pagination
 */
public record ListRequest(String filter, String sortBy, String sortOrder, String startIndex, String count,
                          String cursor) {

    boolean usesCursor() {
        return cursor != null;
    }
}
