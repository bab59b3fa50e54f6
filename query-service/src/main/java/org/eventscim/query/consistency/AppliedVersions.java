package org.eventscim.query.consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Waiters for "version n of this resource is visible to search". The projection writer reports every
 * version it has made searchable; a waiter completes with true then, or with false at its deadline, and
 * leaves the registry either way.
 */
@Component
public class AppliedVersions {

    private final Map<ResourceKey, List<Waiter>> waiters = new ConcurrentHashMap<>();

    /** A future that completes with true once {@code version} is reported applied, or false after {@code timeout}. */
    public CompletableFuture<Boolean> await(ResourceKey resource, long version, Duration timeout) {
        Waiter waiter = new Waiter(version, new CompletableFuture<>());
        waiters.compute(resource, (key, list) -> {
            List<Waiter> updated = list == null ? new ArrayList<>() : list;
            updated.add(waiter);
            return updated;
        });
        waiter.result().completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // The caller sees the outcome only after the waiter has left the registry.
        return waiter.result().whenComplete((applied, failure) -> remove(resource, waiter));
    }

    /** Called by the projection once {@code version} (or a newer one) of the resource is searchable. */
    public void applied(ResourceKey resource, long version) {
        List<Waiter> satisfied = new ArrayList<>();
        waiters.computeIfPresent(resource, (key, list) -> {
            list.removeIf(waiter -> waiter.version() <= version && satisfied.add(waiter));
            return list.isEmpty() ? null : list;
        });
        // Completed outside compute(): completion runs remove(), which must not re-enter the same map bin.
        satisfied.forEach(waiter -> waiter.result().complete(true));
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
