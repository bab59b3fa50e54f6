package org.eventscim.stack.infra;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eventscim.stack.process.ParallelStart;

/** Real PostgreSQL, Kafka and Elasticsearch servers on this machine, keeping their data under one directory. */
public final class LocalInfrastructure implements Infrastructure {

    private final PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private volatile ElasticsearchServer elasticsearch;

    private LocalInfrastructure(PostgresServer postgres, KafkaBroker kafka, ElasticsearchServer elasticsearch) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /** Starts the three servers in parallel (Elasticsearch alone takes 15-25 s). */
    public static LocalInfrastructure start(Path dataDirectory) {
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        try (ParallelStart starts = new ParallelStart()) {
            Future<PostgresServer> postgres = starts.submit(() -> PostgresServer.start(dataDir, 0));
            Future<KafkaBroker> kafka = starts.submit(() -> KafkaBroker.start(dataDir));
            Future<ElasticsearchServer> elasticsearch = starts.submit(() -> ElasticsearchServer.start(dataDir));
            starts.awaitAll();
            return new LocalInfrastructure(postgres.get(), kafka.get(), elasticsearch.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the infrastructure", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String dbUser() {
        return postgres.user();
    }

    @Override
    public String dbPassword() {
        return postgres.password();
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    @Override
    public String elasticsearchUrl() {
        return elasticsearch.url();
    }

    /** Stops the Kafka broker (controlled shutdown) until {@link #startKafka()}; the services keep running. */
    public synchronized void stopKafka() {
        kafka.close();
    }

    /** Starts the stopped broker again on the same ports and data, so the services reconnect. */
    public synchronized void startKafka() {
        kafka = kafka.startAgain();
    }

    /** Stops Elasticsearch until {@link #startElasticsearch()}; the services keep running. */
    public synchronized void stopElasticsearch() {
        elasticsearch.close();
    }

    /** Starts the stopped Elasticsearch again on the same ports and data, so the services reconnect. */
    public synchronized void startElasticsearch() {
        elasticsearch = elasticsearch.startAgain();
    }

    /** Stops the three servers side by side; each stop is independent, so one failing does not keep the others running. */
    @Override
    public void close() {
        CompletableFuture.allOf(Stream.<Runnable>of(elasticsearch::close, kafka::close, postgres::close)
                        .map(CompletableFuture::runAsync)
                        .toArray(CompletableFuture[]::new))
                .join();
    }
}
