package org.eventscim.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Exclusive use of one server's data by this JVM. It is what makes ending a killed run's leftovers
 * safe: a process recorded in a data directory whose lock nobody holds cannot belong to a live run.
 * The operating system drops the lock when the holder dies, however it dies.
 */
public final class RunLock implements AutoCloseable {

    /**
     * Locks this JVM holds. Checked before the file is opened: POSIX drops all of a process's locks on a
     * file when any descriptor of it closes, so a second attempt from this JVM must not even open it.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path path;
    private final FileChannel channel;
    private boolean closed;

    private RunLock(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Takes the lock at {@code path} or fails, naming {@code what} and the process holding it. */
    public static RunLock claim(Path path, String what) {
        Path file = path.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (!HELD.add(file)) {
                throw inUse(what, file, ProcessHandle.current().pid() + " (this JVM)");
            }
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                throw inUse(what, file, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            return new RunLock(file, channel);
        } catch (IOException | RuntimeException e) {
            synchronized (HELD) {
                HELD.remove(file);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not lock " + file, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** Gives the lock up; once, so a later holder of the same path in this JVM keeps its own. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            synchronized (HELD) {
                HELD.remove(path);
            }
        }
    }

    private static IllegalStateException inUse(String what, Path file, String holder) {
        return new IllegalStateException(what + " already runs on this data directory (lock " + file
                + " held by process " + holder + "); stop that run first");
    }
}
