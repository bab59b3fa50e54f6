package org.eventscim.stack.infra;

import java.time.Duration;
import java.util.List;
import org.eventscim.stack.process.ShutdownRegistry;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The same three servers on the official images, through Testcontainers, for machines with a Docker
 * engine. Images match docker-compose.yml. Nothing persists: containers are removed on close.
 */
public final class ContainerInfrastructure implements Infrastructure {

    private static final String DB = "postgres";

    private final PostgreSQLContainer<?> postgres;
    private final KafkaContainer kafka;
    private final ElasticsearchContainer elasticsearch;

    private ContainerInfrastructure(PostgreSQLContainer<?> postgres, KafkaContainer kafka,
                                    ElasticsearchContainer elasticsearch) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Starts the three containers in parallel. */
    public static ContainerInfrastructure start() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16"))
                .withDatabaseName(DB)
                .withUsername(DB)
                .withPassword(DB)
                // Replaces Testcontainers' default command, which turns fsync off.
                .withCommand("postgres", "-c", "max_connections=200");
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"))
                .withEnv("KAFKA_NUM_PARTITIONS", "6")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
        ElasticsearchContainer elasticsearch = new ElasticsearchContainer(
                DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:9.1.5"))
                .withEnv("xpack.security.enabled", "false")
                .withEnv("discovery.type", "single-node")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms1g -Xmx1g")
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=1s")
                        .forPort(9200)
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        ContainerInfrastructure infrastructure = new ContainerInfrastructure(postgres, kafka, elasticsearch);
        try {
            Startables.deepStart(postgres, kafka, elasticsearch).join();
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        ShutdownRegistry.register(infrastructure);
        return infrastructure;
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String dbUser() {
        return postgres.getUsername();
    }

    @Override
    public String dbPassword() {
        return postgres.getPassword();
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String elasticsearchUrl() {
        return "http://" + elasticsearch.getHttpHostAddress();
    }

    @Override
    public void close() {
        List.<GenericContainer<?>>of(elasticsearch, kafka, postgres).forEach(GenericContainer::stop);
        ShutdownRegistry.unregister(this);
    }
}
