package org.eventscim.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Where a cursor-paginated list (RFC 9865) goes on: the point in time it reads, the sort values of the
 * last resource returned, and what it was issued for. Clients see it only encoded and signed
 * ({@link CursorCodec}).
 *
 * @param resourceType {@code User} or {@code Group}, or what else is listed ({@code AuditEvent})
 * @param tenant       the tenant it was issued to; no other tenant may use it
 * @param query        {@link #fingerprint} of the filter and the sort it was issued for
 * @param pitId        the Elasticsearch point in time the pages are read from
 * @param searchAfter  the sort values of the last resource of the previous page
 * @param issuedAt     epoch seconds of the page that issued it; it expires {@code cursorTimeout} later
 * @param totalResults the matching resources, counted by the first page: the point in time does not change,
 *                     so later pages need not count them again (an exact count visits every match)
 * @param window       how far past {@code searchAfter} the next page is looked for first
 *                     ({@link Sorting#resumingAfter}), or null
 */
public record PageCursor(String resourceType, String tenant, String query, String pitId, List<JsonNode> searchAfter,
                         long issuedAt, long totalResults, Long window) {

    public PageCursor {
        searchAfter = List.copyOf(searchAfter);
    }

    /** Identifies a filter and a sort without holding the filter, which may be long. */
    static String fingerprint(String filter, Sorting sorting) {
        return fingerprint((filter == null ? "" : filter.trim()) + "\n" + sorting.field() + "\n" + sorting.descending());
    }

    /** Identifies any query by a digest of its canonical text. */
    public static String fingerprint(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
