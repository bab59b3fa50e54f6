package org.eventscim.stack;

import java.nio.file.Path;
import java.util.Objects;
import org.eventscim.stack.infra.InfraMode;

/**
 * How to start a {@link ScimStack}.
 *
 * @param dataDirectory   where servers keep data and every child its log ({@code logs/})
 * @param gatewayPort     the SCIM port; 0 picks a free one
 * @param bootstrapToken  the bootstrap tenant's bearer token, or null to let the gateway generate one
 * @param infraMode       local servers, containers, or auto
 */
public record StackOptions(Path dataDirectory, int gatewayPort, String bootstrapToken, InfraMode infraMode,
                           Path commandServiceJar, Path queryServiceJar, Path gatewayJar) {

    public StackOptions {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(infraMode, "infraMode");
        Objects.requireNonNull(commandServiceJar, "commandServiceJar");
        Objects.requireNonNull(queryServiceJar, "queryServiceJar");
        Objects.requireNonNull(gatewayJar, "gatewayJar");
        if (gatewayPort < 0 || gatewayPort > 65_535) {
            throw new IllegalArgumentException("gatewayPort must be 0..65535, not " + gatewayPort);
        }
        if (bootstrapToken != null && bootstrapToken.isBlank()) {
            bootstrapToken = null;
        }
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    /**
     * The service jars as {@code ./mvnw package} leaves them in a checkout at {@code repositoryRoot};
     * free gateway port, generated token, infrastructure chosen by {@link InfraMode#fromEnvironment()}.
     */
    public static StackOptions inRepository(Path repositoryRoot, Path dataDirectory) {
        return new StackOptions(dataDirectory, 0, null, InfraMode.fromEnvironment(),
                execJar(repositoryRoot, "command-service"),
                execJar(repositoryRoot, "query-service"),
                execJar(repositoryRoot, "gateway"));
    }

    public StackOptions withGatewayPort(int port) {
        return new StackOptions(dataDirectory, port, bootstrapToken, infraMode, commandServiceJar, queryServiceJar, gatewayJar);
    }

    public StackOptions withBootstrapToken(String token) {
        return new StackOptions(dataDirectory, gatewayPort, token, infraMode, commandServiceJar, queryServiceJar, gatewayJar);
    }

    public StackOptions withInfraMode(InfraMode mode) {
        return new StackOptions(dataDirectory, gatewayPort, bootstrapToken, mode, commandServiceJar, queryServiceJar, gatewayJar);
    }

    private static Path execJar(Path repositoryRoot, String module) {
        return repositoryRoot.resolve(module).resolve("target")
                .resolve(module + "-" + BuildInfo.projectVersion() + "-exec.jar").toAbsolutePath().normalize();
    }
}
