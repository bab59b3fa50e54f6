package org.eventscim.query.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event the projection could not apply, kept until a replay applies it. {@code _id} = {@link #id}, so a
 * batch written again, or a replay that fails again, overwrites the same letter.
 *
 * @param id           the event's id, or {@code kafka:<topic>-<partition>@<offset>} for a record that is no event
 * @param tenant       the owning tenant, when the record could be read
 * @param resourceType {@code User}, {@code Group}, ...
 * @param resourceId   the aggregate id
 * @param version      the resource version after the event
 * @param eventType    the event's wire name
 * @param reason       {@link #FAILED}, {@link #BLOCKED} or {@link #UNREADABLE}
 * @param error        what the projection threw (for a blocked event: that it waits behind {@code blockedBy})
 * @param blockedBy    for a blocked event, the id of the first dead letter of its resource
 * @param globalIndex  the event's global index in the event store: the order in which a replay applies letters
 * @param failedAt     when the letter was written
 * @param kafkaRecord  {@code <topic>-<partition>@<offset>} of an unreadable record
 * @param envelope     the event as read from Kafka, applied again by a replay
 * @param rawRecord    an unreadable record's value, base64
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, String tenant, String resourceType, String resourceId, Long version,
                         String eventType, String reason, String error, String blockedBy, Long globalIndex,
                         Instant failedAt, String kafkaRecord, JsonNode envelope, String rawRecord) {

    /** The projection threw on the event itself. */
    public static final String FAILED = "failed";
    /** The event is fine, but an earlier event of its resource is a dead letter: applying it would skip that one. */
    public static final String BLOCKED = "blocked";
    /** The Kafka record is not an event envelope. */
    public static final String UNREADABLE = "unreadable";

    public static final String ID = "id";
    public static final String TENANT = "tenant";
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String RESOURCE_ID = "resourceId";
    public static final String VERSION = "version";
    public static final String EVENT_TYPE = "eventType";
    public static final String REASON = "reason";
    public static final String ERROR = "error";
    public static final String BLOCKED_BY = "blockedBy";
    public static final String GLOBAL_INDEX = "globalIndex";
    public static final String FAILED_AT = "failedAt";
    public static final String KAFKA_RECORD = "kafkaRecord";
    public static final String ENVELOPE = "envelope";
    public static final String RAW_RECORD = "rawRecord";
}
