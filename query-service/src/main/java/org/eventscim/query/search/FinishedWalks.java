package org.eventscim.query.search;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * The points in time of cursor walks that have served their last page. Each stays open until it expires, so that a
 * client retrying a page of the walk within {@code cursorTimeout} (after a read timeout, say) is answered again, as
 * RFC 9865 promises; but only the {@link #KEPT} most recent ones, since every open point in time holds Elasticsearch
 * resources and a node allows a few hundred at once. Walks still under way are not bounded here.
 */
final class FinishedWalks {

    static final int KEPT = 50;

    private final SequencedSet<String> kept = new LinkedHashSet<>();

    /** Keeps {@code pit} open; answers the one that no longer fits, to be closed now, or null. */
    synchronized String finished(String pit) {
        kept.remove(pit);
        kept.addLast(pit);
        if (kept.size() <= KEPT) {
            return null;
        }
        Iterator<String> oldest = kept.iterator();
        String evicted = oldest.next();
        oldest.remove();
        return evicted;
    }
}
