package org.eventscim.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the next {@code startIndex} page of a listing starts, remembered from the page before it. IdPs walk a
 * listing page after page by index (Okta's and Entra ID's imports ask for 100 at a time); skipping
 * {@code startIndex - 1} results and counting every match again costs each page more than the last. While
 * nothing was written to the read models since the previous page, the next one is exactly the results after
 * that page's last one, found with search_after like a cursor page, and the total is the one already counted.
 * Any write in between (the count of writes moved) makes the page be searched the long way again.
 */
final class IndexPageContinuations {

    /** Pages remembered at most; a walk needs one at a time, so this serves many concurrent walks. */
    private static final int REMEMBERED = 10_000;

    /**
     * @param alias  the read model listed
     * @param tenant the tenant listing
     * @param query  {@link PageCursor#fingerprint} of its filter and sort
     * @param from   the 0-based position of the page's first result
     */
    record Key(String alias, String tenant, String query, int from) {
    }

    /**
     * @param after  the sort values of the result right before the page
     * @param total  the matches counted for the page before
     * @param writes the count of writes to the read models when that page was searched
     * @param window how far past {@code after} the page is looked for first ({@link Sorting#resumingAfter}), or null
     */
    record Continuation(List<FieldValue> after, long total, long writes, Long window) {
    }

    private final Counter continued;
    private final Map<Key, Continuation> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Continuation> eldest) {
            return size() > REMEMBERED;
        }
    };

    IndexPageContinuations(MeterRegistry meters) {
        this.continued = Counter.builder("scim.search.index.pages.continued")
                .description("startIndex pages searched from where the page before them ended")
                .register(meters);
    }

    /** Where the page at {@code key} starts, if a page ended there and nothing was written since. */
    synchronized Optional<Continuation> find(Key key, long writes) {
        Continuation known = remembered.get(key);
        if (known == null || known.writes() != writes) {
            return Optional.empty();
        }
        continued.increment();
        return Optional.of(known);
    }

    synchronized void remember(Key key, Continuation continuation) {
        remembered.put(key, continuation);
    }
}
