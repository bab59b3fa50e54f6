package org.eventscim.stack.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A server or service running as a child process: its output appended to a log file (and offered line
 * by line to a listener), its pids kept in a {@link PidFile}, and a stop that ends its whole tree.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final File NO_INPUT = new File("/dev/null");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final PidFile pidFile;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;
    private volatile List<ProcessHandle> tree = List.of();
    private volatile boolean ready;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile, PidFile pidFile, Consumer<String> lineListener) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.pump = Thread.ofPlatform().daemon().name(name + "-output")
                .start(() -> pumpOutput(lineListener));
        process.onExit().thenRun(this::reportUnexpectedExit);
    }

    /**
     * Starts {@code builder}'s command after ending what a killed earlier run recorded in {@code pidPath}
     * (see {@link PidFile}). The child gets a session of its own, so a Ctrl-C in the terminal reaches
     * only our JVM, which then stops the children in order (services before the servers they use).
     */
    public static ChildProcess start(String name, ProcessBuilder builder, Path logFile, Path pidPath,
                                     Consumer<String> lineListener) {
        PidFile pidFile = PidFile.claim(pidPath, name);
        List<String> command = new ArrayList<>(builder.command());
        if (Files.isExecutable(SETSID)) {
            command.addAll(0, List.of(SETSID.toString(), "--wait"));
        }
        builder.command(command).redirectErrorStream(true).redirectInput(NO_INPUT);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = builder.start();
            ChildProcess child = new ChildProcess(name, process, logFile, pidFile, lineListener);
            pidFile.record(Stream.of(process.toHandle()));
            ShutdownRegistry.register(child);
            return child;
        } catch (IOException e) {
            pidFile.close();
            throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
        }
    }

    public static ChildProcess start(String name, ProcessBuilder builder, Path logFile, Path pidPath) {
        return start(name, builder, logFile, pidPath, line -> { });
    }

    /** Polls {@code check} until it is true; fails early, with the last output lines, if the process dies. */
    public void awaitReady(Duration timeout, BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it was ready." + recentOutput());
            }
            if (check.getAsBoolean()) {
                ready = true;
                // Launchers (Elasticsearch's CLI) have spawned the real server by now: remember it too,
                // so it is ended even if the launcher dies first.
                tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
                pidFile.record(tree.stream());
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s."
                        + recentOutput());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** For a command that runs to completion (a setup tool): fails, with its output, unless it exits 0. */
    public void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s."
                        + recentOutput());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
        stopping = true;
        joinPump();
        pidFile.close();
        ShutdownRegistry.unregister(this);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "."
                    + recentOutput());
        }
    }

    /** Stops the process tree: SIGTERM, then SIGKILL after {@code grace}. Safe to call more than once. */
    public synchronized void stop(Duration grace) {
        stopping = true;
        List<ProcessHandle> roots = new ArrayList<>(tree);
        roots.add(process.toHandle());
        ProcessTree.terminate(roots, grace);
        joinPump();
        pidFile.close();
        ShutdownRegistry.unregister(this);
    }

    /** Ends the process tree with SIGKILL, giving it no chance to shut down (a crash, as far as it knows). */
    public synchronized void kill() {
        stopping = true;
        List<ProcessHandle> roots = new ArrayList<>(tree);
        roots.add(process.toHandle());
        ProcessTree.kill(roots);
        joinPump();
        pidFile.close();
        ShutdownRegistry.unregister(this);
    }

    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    private void pumpOutput(Consumer<String> lineListener) {
        try (OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             BufferedReader output = new BufferedReader(
                     new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            log.write(("=== " + name + " started " + Instant.now() + " ===\n").getBytes(StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null) {
                log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                log.flush();
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
                lineListener.accept(line);
            }
        } catch (IOException e) {
            // The pipe closes when the process ends; nothing is lost that the log has not got.
        }
    }

    private String recentOutput() {
        joinPump();
        synchronized (tail) {
            return "\nLast output lines (full log: " + logFile + "):\n" + String.join("\n", tail);
        }
    }

    private void joinPump() {
        try {
            pump.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportUnexpectedExit() {
        if (ready && !stopping) {
            System.err.println(name + " exited unexpectedly with code " + process.exitValue() + "; see " + logFile);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a child process", e);
        }
    }
}
