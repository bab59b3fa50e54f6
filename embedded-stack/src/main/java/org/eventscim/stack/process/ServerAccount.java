package org.eventscim.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The unprivileged system account that servers refusing root (Elasticsearch) run as when this JVM is
 * root: created once with {@code useradd}, switched to with {@code setpriv}, which execs, so the
 * process we hold is the server itself.
 */
public record ServerAccount(String name) {

    private static final String ACCOUNT = "scim";

    /** The account to run such servers as: present only when this JVM runs as root. */
    public static Optional<ServerAccount> whenRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        synchronized (ServerAccount.class) {
            if (run(List.of("id", "-u", ACCOUNT)) != 0) {
                int exit = run(List.of("useradd", "-r", "-m", "-s", "/usr/sbin/nologin", ACCOUNT));
                if (exit != 0 && run(List.of("id", "-u", ACCOUNT)) != 0) {
                    throw new IllegalStateException("Could not create the system user '" + ACCOUNT
                            + "' (useradd exited with " + exit + "); servers that refuse root need it");
                }
            }
        }
        return Optional.of(new ServerAccount(ACCOUNT));
    }

    /** {@code command}, run as this account. */
    public List<String> runAs(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code directory} and everything below it to this account. */
    public void own(Path directory) {
        int exit = run(List.of("chown", "-R", name + ":" + name, directory.toString()));
        if (exit != 0) {
            throw new IllegalStateException("chown -R " + name + " " + directory + " failed with exit code " + exit);
        }
    }

    /**
     * Makes sure this account can reach {@code directory}. The data directory is ours, so it gets the
     * search bit for others (a JUnit {@code @TempDir} is created 0700). An ancestor it cannot enter (a
     * checkout under {@code /root}, mode 0700) gets the least that works: traverse-only for this account
     * by ACL where {@code setfacl} exists, else the search bit for others; either is said on stderr.
     */
    public void requireReachable(Path dataDirectory, Path directory) {
        try {
            Files.createDirectories(directory);
            for (Path dir = directory; dir != null && dir.startsWith(dataDirectory); dir = dir.getParent()) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (permissions.add(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(dir, permissions);
                }
            }
            for (Path dir = dataDirectory.getParent(); dir != null; dir = dir.getParent()) {
                if (!traversable(dir) && !canEnter(dir)) {
                    allowTraverse(dir);
                }
                if (!traversable(dir) && !canEnter(dir)) {
                    throw new IllegalStateException("The system user '" + name + "' cannot enter " + dir
                            + ", so it cannot reach " + directory + ". Choose a data directory elsewhere"
                            + " (SCIM_DATA_DIR), or allow it with: chmod o+x " + dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void allowTraverse(Path dir) {
        if (commandExists("setfacl") && run(List.of("setfacl", "-m", "u:" + name + ":x", dir.toString())) == 0) {
            System.err.println("Allowed the system user '" + name + "' to pass through " + dir + " (setfacl u:" + name + ":x)");
        } else if (run(List.of("chmod", "o+x", dir.toString())) == 0) {
            System.err.println("Allowed others to pass through " + dir + " (chmod o+x) so that '" + name + "' reaches the data");
        }
    }

    private static boolean commandExists(String command) {
        return run(List.of("sh", "-c", "command -v " + command)) == 0;
    }

    /** Asks the system itself, so ACLs count too. */
    private boolean canEnter(Path dir) {
        return run(runAs(List.of("test", "-x", dir.toString()))) == 0;
    }

    private boolean traversable(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
        Set<PosixFilePermission> permissions = attributes.permissions();
        return permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                || attributes.owner().getName().equals(name) && permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                || attributes.group().getName().equals(name) && permissions.contains(PosixFilePermission.GROUP_EXECUTE);
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }
}
