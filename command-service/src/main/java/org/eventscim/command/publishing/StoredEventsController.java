package org.eventscim.command.publishing;

import java.util.List;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.StreamPosition;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/events?after=<transactionId>:<globalIndex>&limit=N}: the stored events strictly after a
 * position, in the publisher's gap-free order and as published to Kafka, for the query-service to rebuild its
 * read models from the store. No {@code after} starts at the beginning; an empty list means the reader has
 * reached every event final so far (a transaction still running may add more later, always after it). Only
 * services may read here (caller token with {@code admin}); the gateway never forwards {@code /internal}.
 */
@RestController
class StoredEventsController {

    private static final int MAX_LIMIT = 10_000;

    private final StoredEventReader reader;

    StoredEventsController(StoredEventReader reader) {
        this.reader = reader;
    }

    @GetMapping("/internal/events")
    List<EventEnvelope> events(Caller caller, @RequestParam(required = false) String after,
                               @RequestParam(defaultValue = "1000") int limit) {
        if (!caller.hasScope(Scopes.ADMIN)) {
            throw ScimException.forbidden("Only the services read the event store.");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ScimException.invalidValue("limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return reader.after(position(after), limit).events();
    }

    private static StreamPosition position(String after) {
        if (after == null || after.isBlank()) {
            return StreamPosition.START;
        }
        String[] parts = after.trim().split(":");
        try {
            if (parts.length == 2) {
                return new StreamPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException malformed) {
            // Answered below, like any other malformed position.
        }
        throw ScimException.invalidValue("after must be a position <transactionId>:<globalIndex>, such as 812:40.");
    }
}
