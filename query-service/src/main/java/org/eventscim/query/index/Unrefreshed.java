package org.eventscim.query.index;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What was written to one read model that a search may not see yet: the writes since the last refresh that covers
 * them, each document (or membership) as last written. A search that can tell by itself which of them match reads
 * the rest of the index as it is, rather than waiting for a refresh: on this machine a refresh costs 5-10 ms, and
 * an IdP reads after nearly every write.
 *
 * <p>A write is held from its completion until a refresh that started after it has completed; every write reported
 * applied is held (or refreshed) before it is reported. A write whose content is not known (one made before this
 * instance started, or one only found applied by a read) makes everything unknown until a refresh covers it.
 *
 * @param <T> what a write holds: a user or group document, or a membership added or removed
 */
final class Unrefreshed<T> {

    /** Past this many the writer refreshes, so that what is held stays a few megabytes. */
    static final int LIMIT = 2_000;

    private record Written<T>(long count, T value) {
    }

    private final Function<T, String> idOf;
    private final Function<T, String> tenantOf;
    private final BiPredicate<T, T> replaces;
    /** By document id; guarded by this. */
    private final Map<String, Written<T>> byId = new HashMap<>();
    /**
     * The count of the newest write whose content is not held; guarded by this. The guard's first count is one:
     * whatever was written before this instance started.
     */
    private long unknownThrough = 1;
    /** The most counted writes a completed refresh covers; guarded by this. */
    private long covered;

    /**
     * @param idOf     the Elasticsearch id a value is written under
     * @param tenantOf the tenant it belongs to
     * @param replaces whether a later write of an id (second) replaces what is held for it (first) in the index
     */
    Unrefreshed(Function<T, String> idOf, Function<T, String> tenantOf, BiPredicate<T, T> replaces) {
        this.idOf = idOf;
        this.tenantOf = tenantOf;
        this.replaces = replaces;
    }

    /** User or group documents: never an older version over a newer one. */
    static Unrefreshed<ResourceDocument> documents() {
        return new Unrefreshed<>(ResourceDocument::id, ResourceDocument::tenant,
                (held, now) -> now.version() >= held.version());
    }

    /** Memberships: the latest write of one counts (a group's changes are written in order). */
    static Unrefreshed<MembershipWrite> memberships() {
        return new Unrefreshed<>(write -> write.membership().id(), write -> write.membership().tenant(),
                (held, now) -> true);
    }

    /**
     * Counts the write with the read model's guard and holds what it wrote, both at once, so a refresh covers
     * either both or neither. Returns whether more than {@link #LIMIT} are held.
     */
    synchronized boolean written(Collection<T> values, FreshnessGuard guard) {
        long count = guard.applied();
        for (T value : values) {
            byId.merge(idOf.apply(value), new Written<>(count, value),
                    (held, now) -> replaces.test(held.value(), now.value()) ? now : held);
        }
        return byId.size() > LIMIT;
    }

    /** Counts a write whose content is not known: until a refresh covers it, nothing is known. */
    synchronized void writtenUnknown(FreshnessGuard guard) {
        unknownThrough = guard.applied();
    }

    /** A refresh covering the first {@code covers} counted writes has completed: what they wrote is searchable. */
    synchronized void refreshed(long covers) {
        covered = Math.max(covered, covers);
        byId.values().removeIf(written -> written.count() <= covers);
    }

    /**
     * What was written for the tenant that a search may not see yet, each as last written; empty when that is not
     * known: before this instance's first refresh, after a write whose content is not held until a refresh covers
     * it, and while more than {@link #LIMIT} are held.
     */
    synchronized Optional<List<T>> of(String tenant) {
        if (unknownThrough > covered || byId.size() > LIMIT) {
            return Optional.empty();
        }
        return Optional.of(byId.values().stream()
                .map(Written::value)
                .filter(value -> tenantOf.apply(value).equals(tenant))
                .toList());
    }
}
