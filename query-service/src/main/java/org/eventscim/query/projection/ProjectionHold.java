package org.eventscim.query.projection;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Lets a rebuild hold the live projection between two batches: while held, no batch is written, so the rebuild
 * can read the event store to its end knowing that nothing the live projection applied is missing from the new
 * indexes, and move the aliases before the next batch is written through them. A batch in progress finishes
 * first; the consumer then simply waits (well within Kafka's five-minute poll interval, since a hold lasts as
 * long as the last few events take to fold).
 */
@Component
public class ProjectionHold {

    /** An action that writes to Elasticsearch. */
    @FunctionalInterface
    interface Batch {
        void write() throws IOException;
    }

    // Fair, so a rebuild waiting to hold gets the lock at the end of the current batch, before the next one.
    private final ReentrantLock lock = new ReentrantLock(true);

    /** Writes one live batch, once no hold is in place. */
    void write(Batch batch) throws IOException {
        lock.lock();
        try {
            batch.write();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the live projection once its current batch is written; false if that takes longer than
     * {@code timeout}. The same thread must {@link #release()} it.
     */
    public boolean hold(Duration timeout) throws InterruptedException {
        return lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
        lock.unlock();
    }
}
