package org.eventscim.command.publishing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka producers for what must not be lost (events, audit checkpoints): acknowledged by every in-sync
 * replica, idempotent (a retried send is not written twice), and quick to give up when the broker is
 * away, since the sender retries from its own stored position.
 */
public final class DurableProducers {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(15);

    private DurableProducers() {
    }

    /** A producer for {@code topic}, which is created first if the broker does not have it yet. */
    public static KafkaProducer<String, byte[]> create(String bootstrap, String topic) {
        ensureTopic(bootstrap, topic);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Creates the topic with the broker's defaults unless it exists, and waits until every partition has a
     * leader. An idempotent producer whose first sends race the broker's automatic creation of the topic can
     * be refused as out of sequence until its delivery timeout (seen with Kafka 3.9 on a fresh broker).
     */
    private static void ensureTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPIC_READY_TIMEOUT.toMillis()))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                        .all().get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                if (!(failed.getCause() instanceof TopicExistsException)) {
                    throw failed;
                }
            }
            long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
            while (!led(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic))) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("Topic " + topic + " has partitions without a leader");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException failed) {
            throw new KafkaException("Cannot create or describe topic " + topic, failed);
        }
    }

    private static boolean led(TopicDescription topic) {
        return topic.partitions().stream().allMatch(partition -> partition.leader() != null);
    }
}
