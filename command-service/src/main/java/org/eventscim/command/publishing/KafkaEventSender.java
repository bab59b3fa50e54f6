package org.eventscim.command.publishing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Sends envelopes to Kafka keyed by resource id, and returns only once Kafka acknowledged all of them. */
@Component
class KafkaEventSender implements AutoCloseable {

    private final String bootstrap;
    private final ObjectMapper json;
    private KafkaProducer<String, byte[]> producer;

    KafkaEventSender(@Value("${scim.kafka.bootstrap}") String bootstrap, ObjectMapper json) {
        this.bootstrap = bootstrap;
        this.json = json;
    }

    void sendAll(List<EventEnvelope> events) throws Exception {
        KafkaProducer<String, byte[]> target = producer();
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            acknowledgements.add(target.send(new ProducerRecord<>(Topics.EVENTS, event.resourceId(), bytes(event))));
        }
        // The whole batch is queued: send it now instead of after the linger, which only adds to every write's wait.
        target.flush();
        try {
            for (Future<RecordMetadata> acknowledgement : acknowledgements) {
                acknowledgement.get();
            }
        } catch (ExecutionException failed) {
            // A producer that failed mid-batch starts afresh; the batch is sent again from the stored position.
            close();
            throw failed;
        }
    }

    private byte[] bytes(EventEnvelope event) throws JsonProcessingException {
        return json.writeValueAsBytes(event);
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = DurableProducers.create(bootstrap, Topics.EVENTS);
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
