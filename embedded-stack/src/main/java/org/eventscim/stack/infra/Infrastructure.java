package org.eventscim.stack.infra;

import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/** PostgreSQL, Kafka and Elasticsearch, up and reachable from this machine; {@link #close()} stops them. */
public sealed interface Infrastructure extends AutoCloseable permits LocalInfrastructure, ContainerInfrastructure {

    String jdbcUrl();

    String dbUser();

    String dbPassword();

    /** {@code host:port} of a Kafka broker. */
    String kafkaBootstrap();

    /** {@code http://host:port} of Elasticsearch. */
    String elasticsearchUrl();

    @Override
    void close();

    /**
     * The one switch between real local servers and containers. {@code dataDirectory} is where local
     * servers keep their data (containers keep none).
     */
    static Infrastructure start(InfraMode mode, Path dataDirectory) {
        return switch (mode) {
            case LOCAL -> LocalInfrastructure.start(dataDirectory);
            case CONTAINERS -> ContainerInfrastructure.start();
            case AUTO -> DockerClientFactory.instance().isDockerAvailable()
                    ? ContainerInfrastructure.start()
                    : LocalInfrastructure.start(dataDirectory);
        };
    }
}
