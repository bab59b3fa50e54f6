package org.eventscim.stack.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends processes together with everything they spawned. A server started through a launcher (the
 * Elasticsearch CLI JVM starts the server JVM) is a tree, and ending only its root would orphan the rest.
 */
public final class ProcessTree {

    private static final Duration FORCED_GRACE = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    /** SIGTERM to every process of the trees, then SIGKILL to whatever is still alive after {@code grace}. */
    public static void terminate(Collection<ProcessHandle> roots, Duration grace) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            // Descendants first looked up while the root lives: once it is gone they are re-parented.
            root.descendants().forEach(all::add);
            all.add(root);
        }
        all.removeIf(process -> !process.isAlive());
        all.forEach(ProcessHandle::destroy);
        List<ProcessHandle> remaining = awaitExit(all, grace);
        remaining.forEach(ProcessHandle::destroyForcibly);
        awaitExit(remaining, FORCED_GRACE);
    }

    public static void terminate(ProcessHandle root, Duration grace) {
        terminate(List.of(root), grace);
    }

    /** SIGKILL to every process of the trees at once, as {@code kill -9} does: no shutdown hook runs. */
    public static void kill(Collection<ProcessHandle> roots) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            root.descendants().forEach(all::add);
            all.add(root);
        }
        all.forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, FORCED_GRACE);
    }

    private static List<ProcessHandle> awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle process : processes) {
            long left = deadline - System.nanoTime();
            try {
                process.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                alive.add(process);
            } catch (ExecutionException e) {
                alive.add(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                alive.add(process);
            }
        }
        alive.removeIf(process -> !process.isAlive());
        return alive;
    }
}
