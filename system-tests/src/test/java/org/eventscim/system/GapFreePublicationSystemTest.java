package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eventscim.stack.infra.Infrastructure;
import org.junit.jupiter.api.Test;

/**
 * The publisher reads a gap-free, commit-safe order (issue #7): an event whose transaction commits long
 * after later transactions committed is still published, once, ahead of them. Axon's gap-aware tracking
 * gives up on such a gap after its gap timeout (60 s by default) and skips the event for ever; here the
 * transaction is held open past that.
 */
class GapFreePublicationSystemTest {

    private static final Duration HELD_OPEN = Duration.ofSeconds(Long.getLong("scim.test.late-commit-seconds", 61));
    private static final String TOPIC = "scim.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEventCommittedLongAfterLaterOnesIsPublishedOnceAndFirst() throws Exception {
        ScimClient scim = TestStacks.client();
        Infrastructure infrastructure = TestStacks.shared().infrastructure();
        String template = createUser(scim, "template");
        String metadata = StoredEvents.firstMetadata(template);

        try (KafkaConsumer<String, byte[]> consumer = consumer(infrastructure);
             Connection late = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.dbUser(),
                     infrastructure.dbPassword())) {
            late.setAutoCommit(false);
            Instant opened = Instant.now();
            // The late event takes its global index first, then later transactions append and commit: the gap
            // a reader ordered by global index alone would step over.
            String lateUser = UUID.randomUUID().toString();
            insertUserCreated(late, lateUser, metadata);
            List<String> later = createUsersConcurrently(scim, 8);
            Map<String, List<JsonNode>> seen = new HashMap<>();
            Map<Integer, Long> lastTransaction = new HashMap<>();
            while (Instant.now().isBefore(opened.plus(HELD_OPEN))) {
                collect(consumer, seen, lastTransaction, Duration.ofSeconds(1));
            }
            assertThat(later).as("nothing committed after the open transaction started is published before it")
                    .noneMatch(seen::containsKey);

            late.commit();
            List<String> all = new ArrayList<>(later);
            all.add(lateUser);
            Instant deadline = Instant.now().plusSeconds(30);
            while (!seen.keySet().containsAll(all) && Instant.now().isBefore(deadline)) {
                collect(consumer, seen, lastTransaction, Duration.ofMillis(500));
            }
            collect(consumer, seen, lastTransaction, Duration.ofSeconds(1));

            for (String id : all) {
                assertThat(seen.get(id)).as("events of %s", id).hasSize(1);
            }
            JsonNode lateEvent = seen.get(lateUser).getFirst();
            for (String id : later) {
                JsonNode laterEvent = seen.get(id).getFirst();
                assertThat(globalIndex(laterEvent)).isGreaterThan(globalIndex(lateEvent));
                assertThat(transactionId(laterEvent)).isGreaterThan(transactionId(lateEvent));
            }
            assertThat(scim.get("/Users/" + lateUser).status()).isEqualTo(200);
        }
    }

    @Test
    void thePublicationPositionIsSavedAtMostEveryIntervalAndReachesTheLastEventOnceIdle() throws Exception {
        ScimClient scim = TestStacks.client();
        double savesBefore = positionSaves();
        long started = System.nanoTime();
        List<String> created = createUsersConcurrently(scim, 40);
        double busySeconds = (System.nanoTime() - started) / 1e9;
        double saves = positionSaves() - savesBefore;

        // 40 creates by 40 clients are published in many batches; a save after each was a commit each.
        assertThat(saves).isLessThanOrEqualTo(busySeconds / 0.25 + 2);
        Instant deadline = Instant.now().plusSeconds(5);
        while (StoredEvents.beyondSavedPublication(created) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(StoredEvents.beyondSavedPublication(created)).isZero();
    }

    private static double positionSaves() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestStacks.shared().serviceUrl("command-service") + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher saves = Pattern.compile("(?m)^scim_publication_position_saves_total(?:\\{[^}]*})? (\\S+)$").matcher(metrics.body());
        assertThat(saves.find()).as(metrics.body()).isTrue();
        return Double.parseDouble(saves.group(1));
    }

    /** Only the events of this test's resources, by resource id, with their positions checked to rise per partition. */
    private static void collect(KafkaConsumer<String, byte[]> consumer, Map<String, List<JsonNode>> seen,
                                Map<Integer, Long> lastTransaction, Duration wait) throws Exception {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            JsonNode event = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            long transaction = transactionId(event);
            Long previous = lastTransaction.put(record.partition(), transaction);
            assertThat(previous == null || previous <= transaction).as("publication order within a partition").isTrue();
            seen.computeIfAbsent(event.path("resourceId").asText(), id -> new ArrayList<>()).add(event);
        }
    }

    private static long globalIndex(JsonNode event) {
        return event.path("position").path("globalIndex").asLong();
    }

    private static long transactionId(JsonNode event) {
        return event.path("position").path("transactionId").asLong();
    }

    private static KafkaConsumer<String, byte[]> consumer(Infrastructure infrastructure) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(partition -> new TopicPartition(TOPIC, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** What the command side would append for a new user, written by hand inside the held transaction. */
    private static void insertUserCreated(Connection late, String userId, String metadata) throws Exception {
        String tenant = JSON.readTree(metadata).path("tenant").asText();
        String payload = JSON.writeValueAsString(Map.of("userId", userId, "tenantId", tenant,
                "attributes", Map.of("userName", "late-" + userId + "@example.com")));
        try (PreparedStatement insert = late.prepareStatement("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_type,
                    time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, 'org.eventscim.events.user.UserCreated', ?, ?, 0, 'User')""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, metadata.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(4, Instant.now().toString());
            insert.setString(5, userId);
            insert.executeUpdate();
        }
    }

    private static List<String> createUsersConcurrently(ScimClient scim, int count) throws Exception {
        List<Future<String>> ids = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                String name = "later-" + i;
                ids.add(clients.submit(() -> createUser(scim, name)));
            }
        }
        List<String> created = new ArrayList<>();
        for (Future<String> id : ids) {
            created.add(id.get());
        }
        return created;
    }

    private static String createUser(ScimClient scim, String name) {
        ScimClient.Response created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%s@example.com"}"""
                .formatted(name, UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asText();
    }
}
