package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes (DESIGN decision 8) as the command-service waits for it: through the query-service's applied
 * feed, with no request per write, and by asking the query-service when the feed does not tell.
 */
class ReadYourWritesSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ScimClient scim = TestStacks.client();

    @BeforeEach
    void feedConnected() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (commandMetric("scim_read_side_feed_connected") < 1) {
            assertThat(System.nanoTime()).as("the applied feed connected").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void everyWriteIsSeenByTheReadRightAfterItWithoutAskingTheQueryService() throws Exception {
        double asksBefore = commandMetric("scim_read_side_asks_total");

        for (int i = 0; i < 50; i++) {
            String userName = "ryw-" + UUID.randomUUID() + "@corp.test";
            ScimClient.Response created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\"}");
            assertThat(created.status()).isEqualTo(201);
            String id = created.body().path("id").asText();
            assertThat(scim.get("/Users/" + id).body().path("userName").asText()).isEqualTo(userName);
            assertThat(scim.filter("Users", "userName eq \"" + userName + "\"").body().path("totalResults").asInt()).isEqualTo(1);

            assertThat(scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":[{\"op\":\"replace\","
                    + "\"path\":\"title\",\"value\":\"Title " + i + "\"}]}").status()).isEqualTo(200);
            JsonNode read = scim.get("/Users/" + id).body();
            assertThat(read.path("title").asText()).isEqualTo("Title " + i);
            assertThat(read.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        }

        assertThat(commandMetric("scim_read_side_asks_total")).as("writes that asked /internal/applied").isEqualTo(asksBefore);
    }

    /**
     * A resource parked behind a dead letter is never reported applied: its write waits out the feed, then asks,
     * and the query-service answers soon that the write will not show until a replay. A write that changes nothing
     * does not wait for the feed.
     */
    @Test
    void aWriteTheFeedDoesNotTellOfIsAnsweredAfterAskingTheQueryService() throws Exception {
        String id = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"parked-" + UUID.randomUUID()
                + "@corp.test\"}").body().path("id").asText();
        EventEnvelope poison = new EventEnvelope(UUID.randomUUID().toString(), "UserChanged", "User", id, 2,
                new StreamPosition(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1), Instant.now(),
                new EventMetadata("default", "token-x", "broken-producer", "127.0.0.1", "test", "req-poison", null),
                JSON.readTree("{\"changes\":\"not a list\"}"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStacks.shared().infrastructure().kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, id, JSON.writeValueAsBytes(poison))).get(10, TimeUnit.SECONDS);
        }
        double asksBefore = commandMetric("scim_read_side_asks_total");

        long started = System.nanoTime();
        ScimClient.Response patched = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"parked\"}]}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("feed wait, then the query-service's answer")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(commandMetric("scim_read_side_asks_total")).isEqualTo(asksBefore + 1);

        // The same change again appends nothing: nothing new for the feed to tell, so it asks at once.
        started = System.nanoTime();
        ScimClient.Response unchanged = scim.patch("/Users/" + id, "{\"schemas\":[\"" + PATCH + "\"],\"Operations\":"
                + "[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"parked\"}]}");

        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.body().path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no feed wait").isLessThan(Duration.ofMillis(900));
        assertThat(commandMetric("scim_read_side_asks_total")).isEqualTo(asksBefore + 2);
    }

    private double commandMetric(String name) throws Exception {
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create(TestStacks.shared().serviceUrl("command-service") + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics.body());
        assertThat(value.find()).as(name).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
