package org.eventscim.query.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents written to one read model (users or groups) that a search may not see yet: those written since
 * the last refresh that covers them. A search that can tell by itself which of them match (an {@code eq} filter)
 * reads the rest of the index as it is, rather than waiting for a refresh: on this machine a refresh costs
 * 5-10 ms, and an IdP filters after nearly every write.
 *
 * <p>A document is held from its write until a refresh that started after its write has completed; every write
 * reported applied is held (or refreshed) before it is reported. A write whose documents are not known (one
 * made before this instance started, or one only found applied by a read) makes everything unknown until a
 * refresh covers it.
 */
final class UnrefreshedDocuments {

    /** Past this many the writer refreshes, so that what is held stays a few megabytes. */
    static final int LIMIT = 2_000;

    private record Written(long count, ResourceDocument document) {
    }

    /** By document id (tenant and resource id); guarded by this. */
    private final Map<String, Written> byId = new HashMap<>();
    /**
     * The count of the newest write whose documents are not held; guarded by this. The guard's first count is one:
     * whatever was written before this instance started.
     */
    private long unknownThrough = 1;
    /** The most counted writes a completed refresh covers; guarded by this. */
    private long covered;

    /**
     * Counts the write with the read model's guard and holds its documents, both at once, so a refresh covers
     * either both or neither. Returns whether more than {@link #LIMIT} documents are held.
     */
    synchronized boolean written(Collection<ResourceDocument> documents, FreshnessGuard guard) {
        long count = guard.applied();
        for (ResourceDocument document : documents) {
            // Never an older version over a newer one.
            byId.merge(document.id(), new Written(count, document),
                    (held, now) -> now.document().version() >= held.document().version() ? now : held);
        }
        return byId.size() > LIMIT;
    }

    /** Counts a write whose documents are not known: until a refresh covers it, nothing is known. */
    synchronized void writtenUnknown(FreshnessGuard guard) {
        unknownThrough = guard.applied();
    }

    /** A refresh covering the first {@code covers} counted writes has completed: their documents are searchable. */
    synchronized void refreshed(long covers) {
        covered = Math.max(covered, covers);
        byId.values().removeIf(written -> written.count() <= covers);
    }

    /**
     * The tenant's documents (tombstones too) that a search may not see yet, each as last written; empty when that
     * is not known: before this instance's first refresh, after a write whose documents are not held until a
     * refresh covers it, and while more than {@link #LIMIT} are held.
     */
    synchronized Optional<List<ResourceDocument>> of(String tenant) {
        if (unknownThrough > covered || byId.size() > LIMIT) {
            return Optional.empty();
        }
        return Optional.of(byId.values().stream()
                .map(Written::document)
                .filter(document -> document.tenant().equals(tenant))
                .toList());
    }
}
