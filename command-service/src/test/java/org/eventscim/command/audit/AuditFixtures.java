package org.eventscim.command.audit;

import java.nio.charset.StandardCharsets;
import org.eventscim.events.StreamPosition;

/** Stored events as the JDBC engine writes them. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    static StoredEvent event(long globalIndex, String tenant, String payload) {
        return new StoredEvent(new StreamPosition(1000 + globalIndex, globalIndex), "event-" + globalIndex,
                "user-" + globalIndex, 0, "User", "org.eventscim.events.user.UserCreated", null,
                "2026-11-29T06:00:00Z", payload.getBytes(StandardCharsets.UTF_8),
                ("{\"tenant\":\"" + tenant + "\",\"actorId\":\"token-1\"}").getBytes(StandardCharsets.UTF_8));
    }
}
