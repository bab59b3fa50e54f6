package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eventscim.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads Kafka records as {@link EventEnvelope}s; a record that is not one is logged and skipped. */
final class EventRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRecords.class);

    private final ObjectMapper json;

    /** Tolerates members added to the envelope later: consumers may be older than producers. */
    EventRecords(ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    List<EventEnvelope> envelopes(ConsumerRecords<String, byte[]> records) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope envelope = envelope(record);
            if (envelope != null) {
                envelopes.add(envelope);
            }
        }
        return envelopes;
    }

    private EventEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = record.value() == null ? null : json.readValue(record.value(), EventEnvelope.class);
            if (envelope == null || envelope.resourceId() == null || envelope.eventType() == null
                    || envelope.metadata() == null) {
                throw new IOException("not an event envelope");
            }
            return envelope;
        } catch (IOException | RuntimeException unreadable) {
            // A record no retry can read must not block the partition for ever.
            log.error("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    unreadable.getMessage());
            return null;
        }
    }
}
