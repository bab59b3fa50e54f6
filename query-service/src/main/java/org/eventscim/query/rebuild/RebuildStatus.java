package org.eventscim.query.rebuild;

import java.time.Instant;
import org.eventscim.query.index.ReadModelIndexes;

/**
 * The state of the latest rebuild, as {@code GET /internal/read-models/rebuild} shows it.
 *
 * @param phase           where it stands
 * @param started         when it was asked for
 * @param finished        when it succeeded or failed; null while it runs
 * @param eventsRead      events read from the store so far (of every kind; only users' and groups' are folded)
 * @param position        the store position folded up to ({@code <transactionId>:<globalIndex>}); null before the first
 * @param indexes         the new indexes
 * @param previous        the indexes the aliases pointed to before; null until they moved
 * @param previousDeleted whether those were deleted (asked for with {@code deletePrevious})
 * @param heldMillis      how long the live projection was held for the catch-up and the swap
 * @param error           why it failed; null otherwise
 */
public record RebuildStatus(RebuildPhase phase, Instant started, Instant finished, long eventsRead, String position,
                            ReadModelIndexes indexes, ReadModelIndexes previous, boolean previousDeleted,
                            long heldMillis, String error) {

    static RebuildStatus loading(Instant started, ReadModelIndexes indexes) {
        return new RebuildStatus(RebuildPhase.LOADING, started, null, 0, null, indexes, null, false, 0, null);
    }

    RebuildStatus read(long events, String upTo) {
        return new RebuildStatus(phase, started, finished, eventsRead + events, upTo, indexes, previous,
                previousDeleted, heldMillis, error);
    }

    RebuildStatus catchingUp() {
        return new RebuildStatus(RebuildPhase.CATCHING_UP, started, finished, eventsRead, position, indexes, previous,
                previousDeleted, heldMillis, error);
    }

    RebuildStatus succeeded(ReadModelIndexes replaced, boolean deleted, long held) {
        return new RebuildStatus(RebuildPhase.SUCCEEDED, started, Instant.now(), eventsRead, position, indexes, replaced,
                deleted, held, null);
    }

    RebuildStatus failed(String why) {
        return new RebuildStatus(RebuildPhase.FAILED, started, Instant.now(), eventsRead, position, indexes, previous,
                previousDeleted, heldMillis, why);
    }

    boolean running() {
        return phase == RebuildPhase.LOADING || phase == RebuildPhase.CATCHING_UP;
    }
}
