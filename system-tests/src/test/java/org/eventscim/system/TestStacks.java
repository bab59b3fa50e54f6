package org.eventscim.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eventscim.stack.ScimStack;
import org.eventscim.stack.StackOptions;

/**
 * One stack for every system test class of the run (starting one takes half a minute), built from the
 * jars this build packaged, on the infrastructure SCIM_INFRA selects. Stopped when the test JVM exits.
 */
final class TestStacks {

    static final String TOKEN = "system-test-token-" + UUID.randomUUID();

    private static Path dataDir;
    private static ScimStack stack;

    private TestStacks() {
    }

    static synchronized ScimStack shared() {
        if (stack == null) {
            try {
                dataDir = Files.createTempDirectory("scim-system-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestStacks::stop));
        }
        return stack;
    }

    /** Where the shared stack keeps its data and its services' logs. */
    static Path dataDirectory() {
        shared();
        return dataDir;
    }

    static ScimClient client() {
        return new ScimClient(shared().scimBaseUrl(), TOKEN);
    }

    /** Stops everything and starts it again on the same data directory, as a restart of ./scim up does. */
    static synchronized void restart() {
        shared().close();
        stack = start();
    }

    private static ScimStack start() {
        Path repositoryRoot = Path.of(System.getProperty("scim.repository-root", ".."));
        return ScimStack.start(StackOptions.inRepository(repositoryRoot, dataDir).withBootstrapToken(TOKEN));
    }

    private static synchronized void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
