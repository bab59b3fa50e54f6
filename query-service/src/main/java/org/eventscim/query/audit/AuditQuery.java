package org.eventscim.query.audit;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.search.PageCursor;

/**
 * Which of a tenant's events a search or an export wants; every criterion is optional. The tenant is not
 * part of it: {@link AuditTrail} adds the caller's.
 *
 * @param resourceType {@code User}, {@code Group} or {@code Credentials}
 * @param resourceId   the resource's id
 * @param actorId      the token id or JWT subject that caused the events
 * @param eventType    the event's wire name ({@code UserChanged}, ...)
 * @param from         events at or after this instant
 * @param to           events before this instant
 */
record AuditQuery(String resourceType, String resourceId, String actorId, String eventType, Instant from, Instant to) {

    static AuditQuery of(String resourceType, String resourceId, String actorId, String eventType, String from, String to) {
        return new AuditQuery(blankToNull(resourceType), blankToNull(resourceId), blankToNull(actorId),
                blankToNull(eventType), instant("from", from), instant("to", to));
    }

    /** @throws ScimException 400 {@code invalidValue} when {@code value} is not an ISO-8601 instant */
    static Instant instant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException malformed) {
            throw ScimException.invalidValue(parameter + " must be an ISO-8601 instant such as 2026-03-01T12:00:00Z.");
        }
    }

    List<Query> criteria() {
        List<Query> criteria = new ArrayList<>();
        term(criteria, AuditDocument.RESOURCE_TYPE, resourceType);
        term(criteria, AuditDocument.RESOURCE_ID, resourceId);
        term(criteria, AuditDocument.ACTOR_ID, actorId);
        term(criteria, AuditDocument.EVENT_TYPE, eventType);
        if (from != null || to != null) {
            criteria.add(Query.of(query -> query.range(range -> range.date(date -> {
                date.field(AuditDocument.TIMESTAMP);
                if (from != null) {
                    date.gte(from.toString());
                }
                if (to != null) {
                    date.lt(to.toString());
                }
                return date;
            }))));
        }
        return criteria;
    }

    /** What a cursor is bound to: these criteria, so a cursor cannot be reused for another search. */
    String fingerprint() {
        return PageCursor.fingerprint(String.join("\n", String.valueOf(resourceType), String.valueOf(resourceId),
                String.valueOf(actorId), String.valueOf(eventType), String.valueOf(from), String.valueOf(to)));
    }

    /** The query as it is recorded in {@code AuditDataRead}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "resourceType", resourceType);
        add(parts, "resourceId", resourceId);
        add(parts, "actorId", actorId);
        add(parts, "eventType", eventType);
        add(parts, "from", from);
        add(parts, "to", to);
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }

    private static void term(List<Query> criteria, String field, String value) {
        if (value != null) {
            criteria.add(Query.of(query -> query.term(term -> term.field(field).value(FieldValue.of(value)))));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
