package org.eventscim.query.search;

import java.util.List;

/** The documents of one page and how many match in all. */
public record SearchResult<T>(long total, List<T> documents) {
}
