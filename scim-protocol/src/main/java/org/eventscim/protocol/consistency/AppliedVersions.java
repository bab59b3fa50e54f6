package org.eventscim.protocol.consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Waiters for "version n of this resource is applied to the read model". The query-service's projection reports
 * every version it has applied, and the command-service hears of them through the query-service's applied feed;
 * a waiter completes with true then, or with false at its deadline or once abandoned, and leaves the registry
 * either way. The newest version reported for the most recently applied resources is remembered, so a waiter
 * for one applied before it asked completes at once (in the query-service without a read of Elasticsearch, whose
 * real-time get of a document written since the last refresh costs a refresh).
 */
public class AppliedVersions {

    /** Enough for every resource a burst of writes touches; an older one is looked up in Elasticsearch instead. */
    static final int REMEMBERED = 100_000;

    private final Map<ResourceKey, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final Map<ResourceKey, Long> newest = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ResourceKey, Long> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** A future that completes with true once {@code version} is reported applied, or false after {@code timeout}. */
    public CompletableFuture<Boolean> await(ResourceKey resource, long version, Duration timeout) {
        Waiter waiter = new Waiter(version, new CompletableFuture<>());
        waiters.compute(resource, (key, list) -> {
            List<Waiter> updated = list == null ? new ArrayList<>() : list;
            updated.add(waiter);
            return updated;
        });
        // Registered first, then looked up: applied() remembers first, then completes waiters, so a version
        // applied meanwhile is seen by one or the other.
        Long known = newest.get(resource);
        if (known != null && known >= version) {
            waiter.result().complete(true);
        }
        waiter.result().completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // The caller sees the outcome only after the waiter has left the registry.
        return waiter.result().whenComplete((applied, failure) -> remove(resource, waiter));
    }

    /** Called by the projection once {@code version} (or a newer one) of the resource is applied. */
    public void applied(ResourceKey resource, long version) {
        newest.merge(resource, version, Math::max);
        List<Waiter> satisfied = new ArrayList<>();
        waiters.computeIfPresent(resource, (key, list) -> {
            list.removeIf(waiter -> waiter.version() <= version && satisfied.add(waiter));
            return list.isEmpty() ? null : list;
        });
        // Completed outside compute(): completion runs remove(), which must not re-enter the same map bin.
        satisfied.forEach(waiter -> waiter.result().complete(true));
    }

    /** Completes every waiter with false now: what would have told them is gone (a feed's connection closed). */
    public void abandonAll() {
        for (ResourceKey resource : waiters.keySet()) {
            List<Waiter> abandoned = new ArrayList<>();
            waiters.computeIfPresent(resource, (key, list) -> {
                abandoned.addAll(list);
                return null;
            });
            abandoned.forEach(waiter -> waiter.result().complete(false));
        }
    }

    /** How many waiters are pending; for tests and metrics. */
    public int pending() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private void remove(ResourceKey resource, Waiter waiter) {
        waiters.computeIfPresent(resource, (key, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }

    private record Waiter(long version, CompletableFuture<Boolean> result) {
    }
}
