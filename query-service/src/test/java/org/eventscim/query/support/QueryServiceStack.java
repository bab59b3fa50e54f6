package org.eventscim.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.Topics;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.query.QueryServiceApplication;
import org.eventscim.stack.infra.ElasticsearchServer;
import org.eventscim.stack.infra.KafkaBroker;
import org.eventscim.stack.process.ParallelStart;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query-service on a real Kafka broker and a real Elasticsearch, for integration tests: events are
 * published exactly as the command-service publishes them, requests are sent exactly as the gateway forwards
 * them (signed caller token). The Spring context is started and closed here rather than by the Spring test
 * framework, whose cached contexts would outlive the servers (STACK.md): {@link #close()} closes it first.
 */
public final class QueryServiceStack implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final String BASE_URL = "https://scim.example.test/scim/v2";
    private static final String SECRET = "query-service-test-stack-secret-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final CallerTokenCodec TOKENS = new CallerTokenCodec(SECRET, Clock.systemUTC());

    private final List<AutoCloseable> started = new ArrayList<>();
    private KafkaBroker kafka;
    private ElasticsearchServer elasticsearch;
    private ConfigurableApplicationContext app;
    private KafkaProducer<String, byte[]> producer;
    private String baseUri;
    private List<String> arguments;

    private QueryServiceStack() {
    }

    /** Starts Kafka and Elasticsearch in {@code dataDirectory}, then the service with these extra settings. */
    public static QueryServiceStack start(Path dataDirectory, String... settings) throws Exception {
        QueryServiceStack stack = new QueryServiceStack();
        try {
            stack.startIn(dataDirectory, settings);
            return stack;
        } catch (Exception | Error failure) {
            stack.close();
            throw failure;
        }
    }

    /**
     * The same, with a stand-in for the command-service serving {@code path} with {@code handler}: where the
     * query-service records audit reads and reads the event store for a rebuild.
     */
    public static QueryServiceStack startWithCommandService(Path dataDirectory, String path, HttpHandler handler,
                                                            String... settings) throws Exception {
        HttpServer commandService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        commandService.createContext(path, handler);
        commandService.start();
        String url = "http://127.0.0.1:" + commandService.getAddress().getPort();
        List<String> arguments = new ArrayList<>(List.of("--scim.audit.command-url=" + url, "--scim.rebuild.command-url=" + url));
        arguments.addAll(Arrays.asList(settings));
        QueryServiceStack stack = new QueryServiceStack();
        stack.started.add(() -> commandService.stop(0));
        try {
            stack.startIn(dataDirectory, arguments.toArray(String[]::new));
            return stack;
        } catch (Exception | Error failure) {
            stack.close();
            throw failure;
        }
    }

    private void startIn(Path dataDirectory, String... settings) throws Exception {
        try (ParallelStart starts = new ParallelStart()) {
            Future<KafkaBroker> broker = starts.submit(() -> KafkaBroker.start(dataDirectory));
            Future<ElasticsearchServer> search = starts.submit(() -> ElasticsearchServer.start(dataDirectory));
            starts.awaitAll();
            kafka = broker.get();
            started.add(kafka);
            elasticsearch = search.get();
            started.add(elasticsearch);
        }
        createEventsTopic();
        arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--scim.kafka.bootstrap=" + kafka.bootstrapServers(),
                "--scim.elasticsearch.url=" + elasticsearch.url(),
                "--scim.internal.secret=" + SECRET,
                "--scim.projection.poll-timeout=100ms"));
        arguments.addAll(Arrays.asList(settings));
        startService();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
        started.add(producer);
    }

    /**
     * Before anything produces or subscribes: a producer whose first sends race the broker's automatic creation
     * of the topic can be refused as out of sequence until its delivery timeout.
     */
    private void createEventsTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.EVENTS, Optional.empty(), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (!(failed.getCause() instanceof TopicExistsException)) {
                throw failed;
            }
        }
    }

    private void startService() {
        app = new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
        started.add(app);
        baseUri = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** Stops the service and starts a new one on the same servers, as a deployment or a crash would. */
    public void restartService() {
        started.remove(app);
        app.close();
        startService();
    }

    public String baseUri() {
        return baseUri;
    }

    public ConfigurableApplicationContext app() {
        return app;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchServer elasticsearch() {
        return elasticsearch;
    }

    /** Publishes the event keyed by its resource, as the command-service does, and waits for the broker. */
    public void publish(EventEnvelope event) throws Exception {
        send(event).get(10, TimeUnit.SECONDS);
    }

    public Future<RecordMetadata> send(EventEnvelope event) throws Exception {
        return publishRecord(event.resourceId(), JSON.writeValueAsBytes(event));
    }

    /** Publishes any bytes to the events topic: what a broken or foreign producer might put there. */
    public Future<RecordMetadata> publishRecord(String key, byte[] value) {
        return producer.send(new ProducerRecord<>(Topics.EVENTS, key, value));
    }

    /** Sends what is batched in the producer. */
    public void flush() {
        producer.flush();
    }

    /** Checks a caller token as the service does: for stand-ins of the services this one calls. */
    public static Caller verify(String callerToken) {
        return TOKENS.verify(callerToken);
    }

    /** A caller as the gateway describes one, with a fresh request id. */
    public static Caller caller(String tenant, String... scopes) {
        return new Caller(tenant, "token-it", "integration-test", Set.copyOf(Arrays.asList(scopes)),
                "127.0.0.1", "junit", UUID.randomUUID().toString(), BASE_URL);
    }

    /** A request to the service on behalf of {@code caller}; add the method and headers, then {@link #send}. */
    public HttpRequest.Builder request(Caller caller, String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path))
                .header(Caller.HEADER, TOKENS.sign(caller, Duration.ofMinutes(5)))
                .timeout(Duration.ofSeconds(60));
    }

    public Response send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().map(),
                response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    public Response get(Caller caller, String path) throws Exception {
        return send(request(caller, path).header("Accept", "application/scim+json").build());
    }

    /** Waits until the projection has committed everything published so far. */
    public void awaitProjectionCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get()
                    .get(Topics.EVENTS).partitions().stream()
                    .map(partition -> new TopicPartition(Topics.EVENTS, partition.partition()))
                    .collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("query-service-users").partitionsToOffsetAndMetadata().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
                if (caughtUp) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("The projection did not catch up with " + ends);
        }
    }

    /** Closes the producer and the service, then the servers they used. */
    @Override
    public void close() {
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception failure) {
                throw new IllegalStateException("Closing " + part + " failed", failure);
            }
        }
        started.clear();
    }

    /** A response with its body as JSON (null node when empty). */
    public record Response(int status, Map<String, List<String>> headers, JsonNode body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }
}
