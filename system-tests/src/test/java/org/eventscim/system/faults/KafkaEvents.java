package org.eventscim.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eventscim.events.Topics;

/** What the topic holds: the versions of every resource on {@code scim.events}, read from the beginning. */
final class KafkaEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaEvents() {
    }

    /**
     * @param versions every version of every resource on the topic
     * @param jumps    resources with an event that came, in its partition, before its predecessor: a
     *                 projection that takes any newer version would skip the predecessor's change
     */
    record Contents(Map<String, BitSet> versions, Set<String> jumps) {
    }

    static Contents read(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fault-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, BitSet> versions = new HashMap<>();
        Set<String> jumps = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    BitSet seen = versions.computeIfAbsent(envelope.path("resourceId").asText(), id -> new BitSet());
                    int version = envelope.path("version").asInt();
                    int newest = Math.max(seen.length() - 1, 0);
                    if (version > newest + 1) {
                        jumps.add(envelope.path("resourceId").asText() + " v" + version);
                    }
                    seen.set(version);
                }
            }
        }
        return new Contents(versions, jumps);
    }
}
