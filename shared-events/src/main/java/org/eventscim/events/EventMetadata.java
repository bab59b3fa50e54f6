package org.eventscim.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who caused an event, for which tenant and from where. Stored as the event's metadata in the event
 * store and carried in every {@link EventEnvelope}. No event is ever appended without an actor.
 * {@code bulkOperation} is the index of the operation in a /Bulk request's {@code Operations} (null
 * otherwise): the operations share the request id, the index tells them apart.
 */
public record EventMetadata(
        String tenantId,
        String actorId,
        String actorName,
        String sourceIp,
        String userAgent,
        String requestId,
        Integer bulkOperation) {

    public static final String TENANT = "tenant";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String SOURCE_IP = "sourceIp";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String BULK_OPERATION = "bulkOperation";

    public EventMetadata {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actorId, "actorId");
    }

    public Map<String, String> toMap() {
        Map<String, String> map = new HashMap<>();
        map.put(TENANT, tenantId);
        map.put(ACTOR_ID, actorId);
        putIfPresent(map, ACTOR_NAME, actorName);
        putIfPresent(map, SOURCE_IP, sourceIp);
        putIfPresent(map, USER_AGENT, userAgent);
        putIfPresent(map, REQUEST_ID, requestId);
        if (bulkOperation != null) {
            map.put(BULK_OPERATION, bulkOperation.toString());
        }
        return map;
    }

    public static EventMetadata fromMap(Map<String, ?> map) {
        return new EventMetadata(
                string(map, TENANT),
                string(map, ACTOR_ID),
                string(map, ACTOR_NAME),
                string(map, SOURCE_IP),
                string(map, USER_AGENT),
                string(map, REQUEST_ID),
                map.get(BULK_OPERATION) == null ? null : Integer.valueOf(string(map, BULK_OPERATION)));
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String string(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }
}
