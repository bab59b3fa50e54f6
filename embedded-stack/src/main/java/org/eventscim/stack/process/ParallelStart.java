package org.eventscim.stack.process;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts servers side by side (start-up is mostly waiting) and makes it all or nothing: when one fails,
 * the others are still awaited and then closed, so a failed start leaves no process behind.
 */
public final class ParallelStart implements AutoCloseable {

    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("scim-start-", 1).factory());
    private final List<Future<? extends AutoCloseable>> starts = new ArrayList<>();

    public <T extends AutoCloseable> Future<T> submit(Callable<T> start) {
        Future<T> future = executor.submit(start);
        starts.add(future);
        return future;
    }

    /** Waits for every start; if any failed, closes the ones that succeeded and throws. */
    public void awaitAll() {
        List<AutoCloseable> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<? extends AutoCloseable> start : starts) {
            try {
                started.add(start.get());
            } catch (ExecutionException e) {
                failure = addFailure(failure, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = addFailure(failure, e);
            }
        }
        if (failure != null) {
            for (AutoCloseable resource : started.reversed()) {
                try {
                    resource.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
    }

    @Override
    public void close() {
        executor.close();
    }

    private static RuntimeException addFailure(RuntimeException failure, Throwable cause) {
        if (failure == null) {
            return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause.getMessage(), cause);
        }
        failure.addSuppressed(cause);
        return failure;
    }
}
