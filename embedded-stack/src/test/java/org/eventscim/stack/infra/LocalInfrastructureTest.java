package org.eventscim.stack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real servers, no mocks: the three start in a fresh directory, answer, keep what they were given across
 * a restart on the same directory (with new ports), and PostgreSQL survives a killed postmaster.
 */
class LocalInfrastructureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOPIC = "stack-test";

    @TempDir
    Path dataDir;

    @Test
    void startsAnswersAndKeepsDataAcrossARestart() throws Exception {
        String kafkaBefore;
        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(dataDir)) {
            kafkaBefore = infrastructure.kafkaBootstrap();
            try (Connection db = connect(infrastructure); Statement sql = db.createStatement()) {
                assertThat(single(sql, "select 1")).isEqualTo("1");
                assertThat(single(sql, "show synchronous_commit")).isEqualTo("on");
                assertThat(single(sql, "show fsync")).isEqualTo("on");
                assertThat(single(sql, "show max_connections")).isEqualTo("200");
                sql.execute("create table kept (value text)");
                sql.execute("insert into kept values ('before restart')");
            }
            produce(infrastructure.kafkaBootstrap(), "first");
            assertThat(consumeAll(infrastructure.kafkaBootstrap())).containsExactly("first");

            assertThat(clusterHealth(infrastructure.elasticsearchUrl())).containsAnyOf("\"green\"", "\"yellow\"");
            assertThat(http("PUT", infrastructure.elasticsearchUrl() + "/kept/_doc/1?refresh=true",
                    "{\"value\":\"before restart\"}").statusCode()).isEqualTo(201);
        }

        try (LocalInfrastructure infrastructure = LocalInfrastructure.start(dataDir)) {
            assertThat(infrastructure.kafkaBootstrap()).isNotEqualTo(kafkaBefore);
            try (Connection db = connect(infrastructure); Statement sql = db.createStatement()) {
                assertThat(single(sql, "select value from kept")).isEqualTo("before restart");
            }
            assertThat(consumeAll(infrastructure.kafkaBootstrap())).containsExactly("first");
            assertThat(http("GET", infrastructure.elasticsearchUrl() + "/kept/_doc/1", null).body())
                    .contains("before restart");
        }
        assertThat(Files.list(dataDir.resolve("run")).filter(file -> file.toString().endsWith(".pid"))).isEmpty();
    }

    @Test
    void postgresRecoversCommittedRowsAfterItsProcessesWereKilled() throws Exception {
        PostgresServer first = PostgresServer.start(dataDir, 0);
        try (Connection db = DriverManager.getConnection(first.jdbcUrl(), first.user(), first.password());
             Statement sql = db.createStatement()) {
            sql.execute("create table kept (value text)");
            sql.execute("insert into kept values ('committed')");
        }
        long postmasterPid = Long.parseLong(Files.readAllLines(first.directory().resolve("postmaster.pid")).getFirst());
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().get();
        }
        first.close(); // releases the lock; pg_ctl stop finds nothing to stop

        try (PostgresServer second = PostgresServer.start(dataDir, 0);
             Connection db = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             Statement sql = db.createStatement()) {
            assertThat(single(sql, "select value from kept")).isEqualTo("committed");
        }
    }

    private static Connection connect(Infrastructure infrastructure) throws SQLException {
        return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.dbUser(), infrastructure.dbPassword());
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "key", value)).get();
        }
    }

    /** Everything in the topic, read by a new consumer group from the beginning. */
    private static List<String> consumeAll(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String clusterHealth(String url) throws Exception {
        HttpResponse<String> response = http("GET", url + "/_cluster/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> http(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
