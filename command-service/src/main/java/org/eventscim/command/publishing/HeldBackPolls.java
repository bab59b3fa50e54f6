package org.eventscim.command.publishing;

import java.time.Duration;

/**
 * How long the publisher waits, unless a commit wakes it, after a read that found nothing to publish. Normally
 * the idle poll. While committed events are held back behind an older transaction still running, the commit that
 * would have woken the publisher has already happened, and the writer is waiting for its event to be read: then
 * 1 ms, doubling up to the idle poll, so the events go out within about the blocking transaction's own time.
 */
final class HeldBackPolls {

    private static final long FIRST_MILLIS = 1;

    private final long idleMillis;
    private long nextMillis = FIRST_MILLIS;

    HeldBackPolls(Duration idlePoll) {
        this.idleMillis = idlePoll.toMillis();
    }

    long waitMillis(boolean heldBack) {
        if (!heldBack) {
            nextMillis = FIRST_MILLIS;
            return idleMillis;
        }
        long wait = Math.min(nextMillis, idleMillis);
        nextMillis = Math.min(nextMillis * 2, idleMillis);
        return wait;
    }
}
