package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.Topics;
import org.junit.jupiter.api.Test;

/**
 * Poison on the events topic of the whole stack (as a broken or foreign producer would put it there): the
 * projection parks it and goes on, and the operator finds it, and replays it, through the gateway's admin API;
 * nobody else may.
 */
class DeadLettersSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void theOperatorSeesAndReplaysDeadLettersWhileWritesGoOn() throws Exception {
        String tenant = "poisoned-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        EventEnvelope poison = new EventEnvelope(eventId, "UserCreated", "User", UUID.randomUUID().toString(), 1,
                new StreamPosition(Long.MAX_VALUE - 1, Long.MAX_VALUE - 1), Instant.now(),
                new EventMetadata(tenant, "token-x", "broken-producer", "127.0.0.1", "test", "req-poison", null),
                JSON.readTree("{\"attributes\":\"not an object\"}"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStacks.shared().infrastructure().kafkaBootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, poison.resourceId(), JSON.writeValueAsBytes(poison)))
                    .get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.EVENTS, "x", "not an event".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }

        // Writes go on behind it (read-your-writes: the 201 comes once the projection applied the user).
        ScimClient scim = TestStacks.client();
        assertThat(scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"after-poison-" + UUID.randomUUID() + "@corp.test\"}").status()).isEqualTo(201);

        JsonNode letter = letter(eventId);
        assertThat(letter.path("reason").asText()).isEqualTo("failed");
        assertThat(letter.path("tenant").asText()).isEqualTo(tenant);
        assertThat(letter.path("error").asText()).contains("UserCreated");
        assertThat(letter.has("envelope")).isFalse();

        ScimClient.Response replayed = operator().post("/read-models/dead-letters/replay", "");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().path("remaining").asInt()).isPositive();
        assertThat(letter(eventId).path("reason").asText()).as("still a dead letter after the replay").isEqualTo("failed");

        ScimClient.Response issued = operator().post("/tenants/default/tokens",
                "{\"name\":\"reader\",\"scopes\":[\"scim:read\",\"audit:read\"]}");
        assertThat(issued.status()).isEqualTo(201);
        ScimClient reader = new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"),
                issued.body().path("secret").asText());
        assertThat(reader.get("/read-models/dead-letters").status()).isEqualTo(403);
        assertThat(reader.post("/read-models/dead-letters/replay", "").status()).isEqualTo(403);
    }

    private static JsonNode letter(String eventId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ScimClient.Response listing = operator().get("/read-models/dead-letters");
            assertThat(listing.status()).isEqualTo(200);
            for (JsonNode letter : listing.body().path("letters")) {
                if (letter.path("id").asText().equals(eventId)) {
                    assertThat(listing.body().path("waiting").asInt()).isGreaterThanOrEqualTo(2);
                    return letter;
                }
            }
            assertThat(System.nanoTime()).as("the poison event listed").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static ScimClient operator() {
        return new ScimClient(TestStacks.shared().scimBaseUrl().replace("/scim/v2", "/admin/v1"), TestStacks.TOKEN);
    }
}
