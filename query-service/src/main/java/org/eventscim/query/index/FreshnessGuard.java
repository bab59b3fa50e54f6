package org.eventscim.query.index;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Makes the writes applied to one index visible to searches, refreshing it only when a search needs
 * that: writes are counted, and a search refreshes first if any counted write may not be refreshed yet.
 * So a burst of writes with no search in between costs no refresh at all, and a search right after a
 * write still sees it.
 *
 * <p>Searches share refreshes: one that arrives while a refresh is running that started after its
 * writes were counted waits for that refresh; otherwise it starts a new one, in its own thread. A
 * refresh that completes makes everything counted before it started count as refreshed.
 */
public final class FreshnessGuard {

    private final Refresher refresher;
    private final LongConsumer onRefreshed;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();
    /** The count of applied writes that a completed refresh covers; guarded by this. */
    private long refreshed;
    /** The newest refresh started and not finished yet, or null; guarded by this. */
    private Refresh running;

    /** Refreshes the index, making every write completed before the call visible to searches. */
    @FunctionalInterface
    public interface Refresher {
        void refresh() throws IOException;
    }

    /** @param covers how many applied writes were counted when it started */
    private record Refresh(long covers, CompletableFuture<Void> done) {
    }

    public FreshnessGuard(Refresher refresher) {
        this(refresher, covers -> { });
    }

    /** @param onRefreshed told, after each refresh that succeeded, how many counted writes it covers */
    public FreshnessGuard(Refresher refresher, LongConsumer onRefreshed) {
        this.refresher = refresher;
        this.onRefreshed = onRefreshed;
    }

    /**
     * Counts a write to the index that has completed (and may already be reported as applied); returns the count
     * with it, which a refresh covers once {@code onRefreshed} is told that many or more.
     */
    public long applied() {
        return applied.incrementAndGet();
    }

    /** Returns once every write counted before the call is visible to searches; refreshes if needed. */
    public void awaitSearchable() throws IOException {
        long needed = applied.get();
        Refresh refresh;
        boolean mine = false;
        synchronized (this) {
            if (refreshed >= needed) {
                return;
            }
            refresh = running;
            if (refresh == null || refresh.covers() < needed) {
                // Read under the lock and before the refresh is sent, so it covers at least this many.
                refresh = new Refresh(applied.get(), new CompletableFuture<>());
                running = refresh;
                mine = true;
            }
        }
        if (mine) {
            run(refresh);
        }
        await(refresh);
    }

    /** How many writes were counted so far: while it stays the same, the index holds the same documents. */
    public long writes() {
        return applied.get();
    }

    /** How many refreshes searches have caused; for tests and metrics. */
    public long refreshes() {
        return refreshes.get();
    }

    private void run(Refresh refresh) {
        Throwable failure = null;
        try {
            refreshes.incrementAndGet();
            refresher.refresh();
        } catch (Throwable e) {
            // Whatever it is, the searches waiting for this refresh must learn of it rather than wait for ever.
            failure = e;
        }
        synchronized (this) {
            if (failure == null) {
                // A newer refresh may have finished first; what is refreshed never goes back.
                refreshed = Math.max(refreshed, refresh.covers());
            }
            if (running == refresh) {
                running = null;
            }
        }
        if (failure == null) {
            onRefreshed.accept(refresh.covers());
            refresh.done().complete(null);
        } else {
            refresh.done().completeExceptionally(failure);
        }
    }

    /** Every search waiting for a refresh that failed gets the failure itself. */
    private static void await(Refresh refresh) throws IOException {
        try {
            refresh.done().join();
        } catch (CompletionException failed) {
            switch (failed.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(failed.getCause());
            }
        }
    }
}
