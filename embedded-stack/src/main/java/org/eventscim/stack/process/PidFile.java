package org.eventscim.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which processes a server of ours is, kept in its data directory. When a run was killed (SIGKILL,
 * a crashed terminal), its children live on and hold ports and data locks; the next start reads this
 * file and ends them first. Each line is {@code pid startMillis}: the start time tells a leftover of
 * ours from an unrelated process that got the same pid later. A {@link RunLock} beside the file makes
 * sure the recorded processes are not those of a run that is still alive.
 */
public final class PidFile implements AutoCloseable {

    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(20);

    private final Path path;
    private final RunLock lock;
    private boolean closed;

    private PidFile(Path path, RunLock lock) {
        this.path = path;
        this.lock = lock;
    }

    /** Takes {@code path} for {@code what}: locks it, then ends what a dead earlier run left running. */
    public static PidFile claim(Path path, String what) {
        RunLock lock = RunLock.claim(path.resolveSibling(path.getFileName() + ".lock"), what);
        PidFile pidFile = new PidFile(path, lock);
        try {
            pidFile.endLeftovers();
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        return pidFile;
    }

    private void endLeftovers() {
        if (!Files.exists(path)) {
            return;
        }
        List<ProcessHandle> leftovers;
        try (Stream<String> lines = Files.lines(path)) {
            leftovers = lines.map(PidFile::liveProcess).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!leftovers.isEmpty()) {
            ProcessTree.terminate(leftovers, LEFTOVER_GRACE);
        }
        delete();
    }

    public void record(Stream<ProcessHandle> processes) {
        List<String> lines = processes
                .map(process -> process.pid() + " " + startMillis(process).map(String::valueOf).orElse("?"))
                .toList();
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the processes (they have ended) and gives up the lock; once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delete();
        } finally {
            lock.close();
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcessHandle> liveProcess(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length != 2 || fields[1].equals("?")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            long started = Long.parseLong(fields[1]);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> startMillis(process).orElse(-1L) == started);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
