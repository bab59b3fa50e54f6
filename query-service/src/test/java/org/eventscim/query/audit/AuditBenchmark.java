package org.eventscim.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Future;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.query.QueryServiceApplication;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.projection.AuditProjector;
import org.eventscim.stack.infra.ElasticsearchServer;
import org.eventscim.stack.infra.KafkaBroker;
import org.eventscim.stack.process.ParallelStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the audit API on a real Elasticsearch, only when asked: the p50 / p99 of {@code asOf} reads of
 * users with 20 events each, and the rate of a JSON Lines export of every event of one tenant. The trail
 * is loaded straight into the audit index (the documents the projection writes), so the measurement is the
 * read path alone. Reads are recorded to a stand-in command-service, as the real one would take them.
 *
 * <pre>./mvnw -q -pl query-service -am verify -Dtest=AuditBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dscim.bench.audit-export-events=1000000</pre>
 */
@EnabledIfSystemProperty(named = "scim.bench.audit-export-events", matches = "\\d+")
class AuditBenchmark {

    private static final String SECRET = "audit-benchmark-secret-0123456789-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int EVENTS_PER_USER = 20;
    private static final int AS_OF_READS = 2_000;
    private static final int BULK = 5_000;

    @TempDir
    static Path dataDirectory;

    @Test
    void asOfReadsAndExportThroughput() throws Exception {
        long total = Long.parseLong(System.getProperty("scim.bench.audit-export-events"));
        try (ParallelStart starts = new ParallelStart()) {
            Future<KafkaBroker> broker = starts.submit(() -> KafkaBroker.start(dataDirectory));
            Future<ElasticsearchServer> search = starts.submit(() -> ElasticsearchServer.start(dataDirectory));
            starts.awaitAll();
            try (KafkaBroker kafka = broker.get(); ElasticsearchServer elasticsearch = search.get()) {
                HttpServer commandService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                commandService.createContext("/internal/credential-events", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
                commandService.start();
                try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QueryServiceApplication.class).run(
                        "--server.port=0",
                        "--scim.kafka.bootstrap=" + kafka.bootstrapServers(),
                        "--scim.elasticsearch.url=" + elasticsearch.url(),
                        "--scim.internal.secret=" + SECRET,
                        "--scim.audit.command-url=http://127.0.0.1:" + commandService.getAddress().getPort())) {
                    measure(app, total);
                } finally {
                    commandService.stop(0);
                }
            }
        }
    }

    private static void measure(ConfigurableApplicationContext app, long total) throws Exception {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        ElasticsearchClient client = app.getBean(ElasticsearchClient.class);
        awaitIndex(client);
        String tenant = "bench-" + UUID.randomUUID();
        long users = total / EVENTS_PER_USER;
        long loadStarted = System.nanoTime();
        List<AuditDocument> batch = new ArrayList<>(BULK);
        long position = 0;
        for (long user = 0; user < users; user++) {
            String id = "user-" + user;
            for (int version = 1; version <= EVENTS_PER_USER; version++) {
                batch.add(AuditProjector.document(event(tenant, id, version, ++position)));
                if (batch.size() == BULK) {
                    index(client, batch);
                }
            }
        }
        index(client, batch);
        client.indices().refresh(refresh -> refresh.index("scim-audit"));
        System.out.printf("AUDIT BENCH loaded %,d events in %.1f s%n", users * EVENTS_PER_USER,
                (System.nanoTime() - loadStarted) / 1e9);

        CallerTokenCodec tokens = new CallerTokenCodec(SECRET, Clock.systemUTC());
        HttpClient http = HttpClient.newHttpClient();
        SplittableRandom random = new SplittableRandom(7);
        long[] nanos = new long[AS_OF_READS];
        for (int i = -200; i < AS_OF_READS; i++) {
            String id = "user-" + random.nextLong(users);
            Instant asOf = T0.plusSeconds(random.nextInt(1, EVENTS_PER_USER + 1) * 60L);
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request(tokens, tenant, base + "/audit/v1/Users/" + id + "?asOf=" + asOf)
                    .build(), HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - started;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (i >= 0) {
                nanos[i] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("AUDIT BENCH asOf over %,d reads (users of %d events): p50 %.1f ms, p99 %.1f ms%n", AS_OF_READS,
                EVENTS_PER_USER, nanos[AS_OF_READS / 2] / 1e6, nanos[AS_OF_READS * 99 / 100] / 1e6);

        long exportStarted = System.nanoTime();
        HttpResponse<InputStream> export = http.send(request(tokens, tenant, base + "/audit/v1/export?format=jsonl").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        long bytes = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines++;
                bytes += line.length() + 1;
            }
        }
        double seconds = (System.nanoTime() - exportStarted) / 1e9;
        assertThat(lines).isEqualTo(users * EVENTS_PER_USER);
        System.out.printf("AUDIT BENCH export of %,d events (%,d MB JSON Lines) in %.1f s: %,.0f events/s; heap used %d MB%n",
                lines, bytes >> 20, seconds, lines / seconds,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }

    private static HttpRequest.Builder request(CallerTokenCodec tokens, String tenant, String url) {
        Caller caller = new Caller(tenant, "bench", "bench", Set.of(Scopes.AUDIT_READ), "127.0.0.1", "bench",
                UUID.randomUUID().toString(), "http://bench.test/scim/v2");
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30))
                .header(Caller.HEADER, tokens.sign(caller, Duration.ofMinutes(30)));
    }

    /** A user created at T0 and changed every minute after, as the projection would have recorded it. */
    private static EventEnvelope event(String tenant, String id, int version, long position) {
        Object payload = version == 1
                ? new UserCreated(id, tenant, JSON.createObjectNode().put("userName", id + "@bench.test").put("title", "t0"))
                : new UserChanged(id, List.of(new AttributeChange("title", TextNode.valueOf("t" + (version - 2)),
                        TextNode.valueOf("t" + (version - 1)))));
        return new EventEnvelope(UUID.randomUUID().toString(), version == 1 ? "UserCreated" : "UserChanged", "User", id,
                version, new StreamPosition(position, position), T0.plusSeconds((version - 1) * 60L),
                new EventMetadata(tenant, "token-bench", "bench", "10.0.0.1", "bench/1.0", "req-" + position, null),
                JSON.valueToTree(payload));
    }

    private static void index(ElasticsearchClient client, List<AuditDocument> batch) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        BulkRequest.Builder request = new BulkRequest.Builder();
        batch.forEach(document -> request.operations(operation -> operation.index(index -> index.index("scim-audit")
                .id(document.eventId()).document(document))));
        assertThat(client.bulk(request.build()).errors()).isFalse();
        batch.clear();
    }

    private static void awaitIndex(ElasticsearchClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!client.indices().existsAlias(alias -> alias.name("scim-audit")).value()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
