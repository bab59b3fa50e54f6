package org.eventscim.query.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FreshnessGuardTest {

    private final ExecutorService searches = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        searches.shutdownNow();
    }

    @Test
    void aSearchWithNoWriteSinceTheLastRefreshDoesNotRefresh() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        FreshnessGuard guard = new FreshnessGuard(refreshes::incrementAndGet);

        guard.awaitSearchable();
        guard.applied();
        guard.awaitSearchable();
        guard.awaitSearchable();

        assertThat(refreshes).hasValue(1);
        assertThat(guard.refreshes()).isEqualTo(1);
    }

    @Test
    void aBurstOfWritesCostsOneRefreshAtTheNextSearch() throws Exception {
        AtomicInteger refreshes = new AtomicInteger();
        FreshnessGuard guard = new FreshnessGuard(refreshes::incrementAndGet);

        for (int i = 0; i < 1_000; i++) {
            guard.applied();
        }
        assertThat(refreshes).hasValue(0);

        guard.awaitSearchable();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void concurrentSearchesAfterTheSameWritesShareOneRefresh() throws Exception {
        BlockingRefresher refresher = new BlockingRefresher();
        FreshnessGuard guard = new FreshnessGuard(refresher);
        guard.applied();

        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiting.add(searches.submit(() -> {
                guard.awaitSearchable();
                return null;
            }));
        }
        refresher.awaitStarted(1);
        Thread.sleep(100);
        assertThat(waiting).noneMatch(Future::isDone);

        refresher.release();
        for (Future<?> search : waiting) {
            search.get(5, TimeUnit.SECONDS);
        }
        assertThat(refresher.calls()).isEqualTo(1);
    }

    @Test
    void aSearchAfterAWriteThatARunningRefreshMayMissStartsAnotherAndWaitsForIt() throws Exception {
        BlockingRefresher refresher = new BlockingRefresher();
        FreshnessGuard guard = new FreshnessGuard(refresher);
        guard.applied();
        Future<?> first = searches.submit(() -> {
            guard.awaitSearchable();
            return null;
        });
        refresher.awaitStarted(1);

        // Applied while the first refresh runs: it may not be in it.
        guard.applied();
        Future<?> second = searches.submit(() -> {
            guard.awaitSearchable();
            return null;
        });
        refresher.awaitStarted(2);
        Future<?> third = searches.submit(() -> {
            guard.awaitSearchable();
            return null;
        });

        refresher.release();
        first.get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);
        third.get(5, TimeUnit.SECONDS);
        assertThat(refresher.calls()).isEqualTo(2);
        guard.awaitSearchable();
        assertThat(refresher.calls()).isEqualTo(2);
    }

    @Test
    void everySearchSeesEveryWriteAppliedBeforeItUnderConcurrency() throws Exception {
        // The "index": what is written, and what the last refresh made searchable; and what was acknowledged.
        AtomicLong written = new AtomicLong();
        AtomicLong searchable = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicInteger refreshes = new AtomicInteger();
        FreshnessGuard guard = new FreshnessGuard(() -> {
            refreshes.incrementAndGet();
            searchable.accumulateAndGet(written.get(), Math::max);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        });
        Future<?> writer = searches.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
                long write = written.incrementAndGet();
                guard.applied();
                acknowledged.set(write);
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
            }
            return null;
        });
        List<Future<Integer>> readers = new ArrayList<>();
        AtomicInteger stale = new AtomicInteger();
        for (int reader = 0; reader < 8; reader++) {
            readers.add(searches.submit(() -> {
                int reads = 0;
                while (!writer.isDone()) {
                    long seen = acknowledged.get();
                    guard.awaitSearchable();
                    if (searchable.get() < seen) {
                        stale.incrementAndGet();
                    }
                    reads++;
                }
                return reads;
            }));
        }
        writer.get(30, TimeUnit.SECONDS);
        int reads = 0;
        for (Future<Integer> reader : readers) {
            reads += reader.get(30, TimeUnit.SECONDS);
        }

        assertThat(stale).hasValue(0);
        assertThat(reads).isPositive();
        assertThat(refreshes.get()).isLessThan(reads);
    }

    @Test
    void everySearchWaitingForAFailedRefreshGetsTheFailureAndTheNextSearchTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FreshnessGuard guard = new FreshnessGuard(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("Elasticsearch unreachable");
            }
        });
        guard.applied();

        assertThatThrownBy(guard::awaitSearchable).isInstanceOf(IOException.class).hasMessage("Elasticsearch unreachable");
        guard.awaitSearchable();
        assertThat(calls).hasValue(2);
    }

    /** A refresher whose refreshes all block until released. */
    private static final class BlockingRefresher implements FreshnessGuard.Refresher {

        private final AtomicInteger calls = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);
        private final List<CountDownLatch> started = List.of(new CountDownLatch(1), new CountDownLatch(2));

        @Override
        public void refresh() throws IOException {
            calls.incrementAndGet();
            started.forEach(CountDownLatch::countDown);
            try {
                released.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        void awaitStarted(int refreshes) throws InterruptedException {
            assertThat(started.get(refreshes - 1).await(5, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        int calls() {
            return calls.get();
        }
    }
}
