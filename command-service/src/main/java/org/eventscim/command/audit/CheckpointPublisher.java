package org.eventscim.command.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eventscim.command.publishing.DurableProducers;
import org.eventscim.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends stored checkpoints to {@value Topics#AUDIT_CHECKPOINTS}, keyed by tenant, and marks them published once
 * Kafka acknowledged them: a copy out of reach of whoever can edit the database.
 */
@Component
class CheckpointPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);
    private static final int BATCH = 500;

    /** The message on the topic. */
    record PublishedCheckpoint(String tenant, long position, String hash, Instant signedAt, String keyId,
                               String signature) {
    }

    private final CheckpointStore checkpoints;
    private final String bootstrap;
    private final ObjectMapper json;
    private KafkaProducer<String, byte[]> producer;

    CheckpointPublisher(CheckpointStore checkpoints, @Value("${scim.kafka.bootstrap}") String bootstrap, ObjectMapper json) {
        this.checkpoints = checkpoints;
        this.bootstrap = bootstrap;
        this.json = json;
    }

    /** True once every stored checkpoint is published; false (and logged) when Kafka failed, to be retried. */
    boolean publishPending() {
        try {
            List<Checkpoint> pending;
            do {
                pending = checkpoints.unpublished(BATCH);
                send(pending);
                checkpoints.markPublished(pending);
            } while (pending.size() == BATCH);
            return true;
        } catch (Exception failure) {
            log.warn("Publishing audit checkpoints failed; retrying later: {}", failure.toString());
            close();
            return false;
        }
    }

    static PublishedCheckpoint message(Checkpoint checkpoint) {
        return new PublishedCheckpoint(checkpoint.tenant(), checkpoint.position(), HexFormat.of().formatHex(checkpoint.hash()),
                checkpoint.signedAt(), checkpoint.keyId(), Base64.getEncoder().encodeToString(checkpoint.signature()));
    }

    private void send(List<Checkpoint> pending) throws Exception {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(pending.size());
        for (Checkpoint checkpoint : pending) {
            acknowledgements.add(producer().send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS, checkpoint.tenant(),
                    bytes(message(checkpoint)))));
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            acknowledgement.get();
        }
    }

    private byte[] bytes(PublishedCheckpoint message) throws JsonProcessingException {
        return json.writeValueAsBytes(message);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = DurableProducers.create(bootstrap, Topics.AUDIT_CHECKPOINTS);
        }
        return producer;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
