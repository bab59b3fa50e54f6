package org.eventscim.query.search;

import java.util.List;
import org.eventscim.query.index.ResourceDocument;

/**
 * The documents of one page and how many match in all.
 *
 * @param startIndex the 1-based index of the first document for index pagination; null for cursor pagination
 * @param nextCursor the cursor of the next page for cursor pagination; null on the last page
 */
public record SearchResult(long total, List<ResourceDocument> documents, Integer startIndex, String nextCursor) {
}
