package org.eventscim.system;

import java.nio.file.Path;
import org.eventscim.stack.ScimStack;
import org.eventscim.stack.StackOptions;

/** Starts the whole stack from the jars this build packaged, on the infrastructure SCIM_INFRA selects. */
final class TestStacks {

    private TestStacks() {
    }

    static ScimStack start(Path dataDir, String bootstrapToken) {
        Path repositoryRoot = Path.of(System.getProperty("scim.repository-root", ".."));
        return ScimStack.start(StackOptions.inRepository(repositoryRoot, dataDir).withBootstrapToken(bootstrapToken));
    }
}
