package org.eventscim.stack.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eventscim.stack.process.FreePort;
import org.eventscim.stack.process.ProcessTree;
import org.eventscim.stack.process.RunLock;
import org.eventscim.stack.process.ShutdownRegistry;

/**
 * PostgreSQL 14 from zonky's embedded binaries, with a persistent data directory. As root, zonky runs
 * the server in a user namespace ({@code unshare -U}), where it is not root, so no system user is needed.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final RunLock lock;
    private final Path directory;
    private boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, RunLock lock, Path directory) {
        this.postgres = postgres;
        this.lock = lock;
        this.directory = directory;
    }

    /** Starts on {@code dataDirectory/postgres}, creating the cluster the first time; port 0 picks a free one. */
    public static PostgresServer start(Path dataDirectory, int port) {
        Path directory = dataDirectory.resolve("postgres");
        Path logFile = dataDirectory.resolve("logs").resolve("postgres.log");
        RunLock lock = RunLock.claim(dataDirectory.resolve("run").resolve("postgres.lock"), "PostgreSQL");
        try {
            endOrphanedPostmaster(directory);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port == 0 ? FreePort.pick() : port)
                    // zonky defaults to synchronous_commit=off and passes -F (fsync off) before these -c
                    // settings, which win; an acknowledged event must survive a crash.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Our ShutdownRegistry stops it, after the services that use it.
                    .setRegisterShutdownHook(false)
                    .start();
            PostgresServer server = new PostgresServer(postgres, lock, directory);
            ShutdownRegistry.register(server);
            return server;
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("PostgreSQL did not start on " + directory + " (log: " + logFile + ")", io);
            }
            throw (RuntimeException) e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** Local connections are trusted; any password is accepted, this one matches the container setup. */
    public String password() {
        return USER;
    }

    public Path directory() {
        return directory;
    }

    /** Fast shutdown (disconnects clients, writes a checkpoint). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
            // pg_ctl gives up waiting after 5 s while the server goes on shutting down: wait for it.
            awaitPostmasterGone(directory, ORPHAN_GRACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.close();
            ShutdownRegistry.unregister(this);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + postgres.getPort();
    }

    /**
     * A run killed without closing leaves its postmaster running (pg_ctl detaches it), holding the data
     * directory. We hold the run lock, so it is nobody's: shut it down fast before starting ours. A
     * postmaster.pid whose process is gone needs nothing: PostgreSQL recovers from it by itself.
     */
    private static void endOrphanedPostmaster(Path directory) throws IOException {
        Optional<ProcessHandle> recorded = recordedPostmaster(directory);
        if (recorded.isEmpty()) {
            return;
        }
        ProcessHandle process = recorded.get();
        boolean isPostgres = process.info().command().map(command -> command.endsWith("/postgres")).orElse(false);
        if (!isPostgres) {
            // The pid was reused by an unrelated process (after a reboot): PostgreSQL would refuse to start.
            Files.deleteIfExists(directory.resolve("postmaster.pid"));
            return;
        }
        signal(process, "INT");
        if (!awaitPostmasterGone(directory, ORPHAN_GRACE)) {
            ProcessTree.terminate(process, Duration.ZERO);
        }
    }

    private static boolean awaitPostmasterGone(Path directory, Duration timeout) throws IOException {
        Optional<ProcessHandle> postmaster = recordedPostmaster(directory);
        if (postmaster.isEmpty()) {
            return true;
        }
        try {
            postmaster.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return !postmaster.get().isAlive();
        }
    }

    private static Optional<ProcessHandle> recordedPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().trim().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).filter(ProcessHandle::isAlive);
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
