package org.eventscim.stack.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one JVM shutdown hook of the stack. Whatever is still open when the JVM exits (Ctrl-C on
 * {@code ./scim up}, a test JVM that ends without closing) is closed newest first, so services stop
 * before the servers they use and no child process outlives this JVM. One hook rather than one per
 * server because the JVM runs hooks concurrently and in no order.
 */
public final class ShutdownRegistry {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownRegistry::closeAll, "scim-stack-shutdown"));
    }

    private ShutdownRegistry() {
    }

    /** Closes {@code resource} at JVM exit unless it is unregistered first. */
    public static void register(AutoCloseable resource) {
        boolean closeNow;
        synchronized (OPEN) {
            closeNow = exiting;
            if (!closeNow) {
                OPEN.push(resource);
            }
        }
        // Started while the JVM is already exiting (Ctrl-C during start-up): nobody would stop it later.
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    public static void unregister(AutoCloseable resource) {
        synchronized (OPEN) {
            OPEN.removeIf(open -> open == resource);
        }
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable next;
            synchronized (OPEN) {
                exiting = true;
                next = OPEN.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + resource + ": " + e);
        }
    }
}
