package org.eventscim.query.projection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eventscim.events.EventEnvelope;
import org.eventscim.query.index.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kafka records as {@link EventEnvelope}s. A record that is not one becomes a dead letter: no retry
 * can read it, and it must not block its partition for ever.
 */
final class EventRecords {

    private static final Logger log = LoggerFactory.getLogger(EventRecords.class);

    private final ObjectMapper json;

    /** Tolerates members added to the envelope later: consumers may be older than producers. */
    EventRecords(ObjectMapper json) {
        this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The events of a poll, and the records that are none. */
    record Polled(List<EventEnvelope> events, List<DeadLetter> unreadable) {
    }

    Polled read(ConsumerRecords<String, byte[]> records) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.count());
        List<DeadLetter> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                envelopes.add(envelope(record.value()));
            } catch (IOException | RuntimeException failure) {
                String position = record.topic() + "-" + record.partition() + "@" + record.offset();
                log.error("Dead letter: record {} is no event: {}", position, failure.toString());
                unreadable.add(new DeadLetter("kafka:" + position, null, null, record.key(), null, null,
                        DeadLetter.UNREADABLE, failure.toString(), null, null, Instant.now(), position, null,
                        record.value() == null ? null : Base64.getEncoder().encodeToString(record.value())));
            }
        }
        return new Polled(envelopes, unreadable);
    }

    /** Reads an event envelope; it must name its event, its resource and its metadata. */
    EventEnvelope envelope(byte[] value) throws IOException {
        EventEnvelope envelope = value == null ? null : json.readValue(value, EventEnvelope.class);
        if (envelope == null || envelope.eventId() == null || envelope.resourceId() == null
                || envelope.resourceType() == null || envelope.eventType() == null || envelope.metadata() == null
                || envelope.metadata().tenantId() == null) {
            throw new IOException("not an event envelope");
        }
        return envelope;
    }
}
