package org.eventscim.stack.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.eventscim.stack.BuildInfo;

/**
 * Where the Elasticsearch server files come from, and their installation into a data directory (the
 * server writes into its home, e.g. the keystore, so it never runs from the build's copy). The source
 * is the build's unpacked {@code target/elasticsearch/elasticsearch-<version>} next to our classes or
 * jar; when this module comes from a Maven repository instead, the distribution zip beside it there.
 */
record ElasticsearchDistribution(String version, Path source) {

    private static final String MARKER = ".scim-distribution";

    static ElasticsearchDistribution locate() {
        String version = BuildInfo.elasticsearchVersion();
        String explicit = System.getProperty("scim.elasticsearch.distribution");
        if (explicit != null) {
            return new ElasticsearchDistribution(version, Path.of(explicit));
        }
        Path codeSource = codeSource();
        Path unpacked = codeSource.getParent().resolve("elasticsearch").resolve("elasticsearch-" + version);
        if (Files.isDirectory(unpacked)) {
            return new ElasticsearchDistribution(version, unpacked);
        }
        Path zip = localRepository().resolve(Path.of("org", "elasticsearch", "distribution", "integ-test-zip",
                "elasticsearch", version, "elasticsearch-" + version + ".zip"));
        if (Files.isRegularFile(zip)) {
            return new ElasticsearchDistribution(version, zip);
        }
        throw new IllegalStateException("Elasticsearch " + version + " is neither unpacked at " + unpacked
                + " nor in the Maven repository at " + zip + "; build embedded-stack first"
                + " (./mvnw -pl embedded-stack -am package -DskipTests)");
    }

    /** Makes {@code home} a copy of this distribution, unless it already is one of this version. */
    void installInto(Path home) {
        try {
            Path marker = home.resolve(MARKER);
            if (Files.exists(marker) && Files.readString(marker).equals(version)) {
                return;
            }
            deleteRecursively(home);
            Files.createDirectories(home);
            if (Files.isDirectory(source)) {
                copyTree(source, home);
            } else {
                unzip(source, home);
            }
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                for (Path script : scripts.toList()) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(script);
                    permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(script, permissions);
                }
            }
            // Written last: an interrupted copy is redone at the next start.
            Files.writeString(marker, version);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install Elasticsearch into " + home, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Unpacks the zip without its top directory ({@code elasticsearch-<version>/}). */
    private static void unzip(Path zip, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                Path target = to.resolve(slash < 0 ? "" : name.substring(slash + 1)).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("Zip entry outside the target directory: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path codeSource() {
        try {
            return Path.of(ElasticsearchDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
