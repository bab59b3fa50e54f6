package org.eventscim.query.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.group.GroupMember;

/**
 * One event of the audit trail as its read model stores it, {@code _id} = the event id, so a redelivered
 * event overwrites itself with the same document. Every event on the topic is one: users, groups and
 * credential events.
 *
 * @param eventId        the event's id in the event store
 * @param tenant         the owning tenant
 * @param resourceType   {@code User}, {@code Group} or {@code Credentials}
 * @param resourceId     the aggregate id
 * @param version        the resource version after the event
 * @param eventType      the event's wire name ({@code UserChanged}, ...)
 * @param timestamp      when the event was appended
 * @param transactionId  the appending transaction: with {@code globalIndex} the event's stream position,
 *                       the order of the whole trail
 * @param globalIndex    the event's global index in the event store
 * @param actorId        the token id or JWT subject that caused it
 * @param actorName      the client's name
 * @param sourceIp       where the request came from
 * @param userAgent      the client's user agent
 * @param requestId      the request's id ({@code X-Request-Id})
 * @param bulkOperation  the operation's index in a /Bulk request, null otherwise
 * @param changes        attribute-level before / after: every attribute of a creation (after only), the
 *                       changed ones of a change; {@code password} without values when it was set
 * @param membersAdded   members a {@code GroupMembersAdded} added
 * @param membersRemoved members a {@code GroupMembersRemoved} removed
 * @param payload        the event as published (a password hash left out), stored, not indexed
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuditDocument(String eventId, String tenant, String resourceType, String resourceId, long version,
                            String eventType, Instant timestamp, long transactionId, long globalIndex,
                            String actorId, String actorName, String sourceIp, String userAgent, String requestId,
                            Integer bulkOperation, List<AttributeChange> changes, List<GroupMember> membersAdded,
                            List<GroupMember> membersRemoved, JsonNode payload) {

    public static final String EVENT_ID = "eventId";
    public static final String TENANT = "tenant";
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String RESOURCE_ID = "resourceId";
    public static final String VERSION = "version";
    public static final String EVENT_TYPE = "eventType";
    public static final String TIMESTAMP = "timestamp";
    public static final String TRANSACTION_ID = "transactionId";
    public static final String GLOBAL_INDEX = "globalIndex";
    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_NAME = "actorName";
    public static final String SOURCE_IP = "sourceIp";
    public static final String USER_AGENT = "userAgent";
    public static final String REQUEST_ID = "requestId";
    public static final String BULK_OPERATION = "bulkOperation";
    public static final String CHANGES = "changes";
    public static final String MEMBERS_ADDED = "membersAdded";
    public static final String MEMBERS_REMOVED = "membersRemoved";
    public static final String PAYLOAD = "payload";

    public AuditDocument {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        changes = changes == null ? List.of() : List.copyOf(changes);
        membersAdded = membersAdded == null ? List.of() : List.copyOf(membersAdded);
        membersRemoved = membersRemoved == null ? List.of() : List.copyOf(membersRemoved);
    }

    /** The stream position as one value, {@code <transactionId>:<globalIndex>}, ordered like the positions. */
    public String position() {
        return AuditPosition.format(transactionId, globalIndex);
    }
}
