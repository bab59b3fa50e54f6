package org.eventscim.stack;

import java.nio.file.Path;
import java.util.Locale;
import org.eventscim.stack.infra.InfraMode;
import org.eventscim.stack.process.ShutdownRegistry;

/**
 * {@code ./scim up}: the whole service on local servers whose data persists in {@code SCIM_DATA_DIR},
 * in the foreground until Ctrl-C, which stops every child process.
 * Environment: {@code SCIM_PORT} (8080), {@code SCIM_BOOTSTRAP_TOKEN} (optional), {@code SCIM_DATA_DIR}
 * ({@code ./.scim-data}); system property {@code scim.home}: the checkout with the service jars (".").
 */
public final class ScimUp {

    private ScimUp() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        quietLibraryLogging();
        Path dataDirectory = Path.of(env("SCIM_DATA_DIR", ".scim-data")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.inRepository(Path.of(System.getProperty("scim.home", ".")), dataDirectory)
                .withGatewayPort(port(env("SCIM_PORT", "8080")))
                .withBootstrapToken(System.getenv("SCIM_BOOTSTRAP_TOKEN"))
                // Always local: only local servers keep their data in SCIM_DATA_DIR.
                .withInfraMode(InfraMode.LOCAL);

        System.out.println("Starting PostgreSQL, Kafka, Elasticsearch and the SCIM services (data and logs in "
                + dataDirectory + ") ...");
        ScimStack stack;
        try {
            stack = ScimStack.start(options);
        } catch (RuntimeException e) {
            System.err.println("SCIM could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.bootstrapToken() == null && stack.bootstrapToken() != null) {
            System.out.println("Bootstrap token (shown once): " + stack.bootstrapToken());
        }
        System.out.printf(Locale.ROOT, "SCIM ready at %s (started in %.1f s)%n",
                stack.scimBaseUrl(), (System.nanoTime() - started) / 1e9);
        // Runs until SIGINT/SIGTERM; the JVM's shutdown hook then closes the stack.
        ShutdownRegistry.register(() -> {
            System.out.println("Stopping SCIM ...");
            stack.close();
            System.out.println("Stopped.");
        });
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SCIM_PORT must be a port number, not '" + value + "'", e);
        }
    }

    /** Library chatter (Kafka's admin client, zonky) would bury the one line that matters: warnings only. */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
}
