package org.eventscim.stack.process;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The JVM this code runs on, reused for every Java child process (it is the JDK 21+ ./scim and ./mvnw chose). */
public final class JavaRuntime {

    private JavaRuntime() {
    }

    public static Path home() {
        return Path.of(System.getProperty("java.home"));
    }

    public static String executable() {
        return home().resolve("bin").resolve("java").toString();
    }

    /**
     * This JVM's classpath, for a Java child that runs a main class from our dependencies (the Kafka
     * broker). Under {@code ./scim} it is {@code target/classes} plus {@code target/lib/*}, expanded by the
     * launcher; under Maven it is the test classpath. Logback is left out: a module that depends on this
     * one may bring it unconfigured, and it would then log the broker at DEBUG.
     */
    public static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("logback-"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Whether a classpath entry's file name starts with {@code prefix} (used to pick a logging backend). */
    public static boolean classpathHas(String classpath, String prefix) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .anyMatch(entry -> Path.of(entry).getFileName().toString().startsWith(prefix));
    }
}
