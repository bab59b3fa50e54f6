package org.eventscim.command.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eventscim.events.StreamPosition;

/** The verifier's state for one tenant while it walks the store: recomputed head, links read ahead, checkpoints. */
final class TenantCheck {

    final String tenant;
    final long from;
    /** Events of this tenant at or before this publication position lie before {@code from}; null from the start. */
    final StreamPosition anchor;
    final Deque<ChainLink> links = new ArrayDeque<>();
    final Deque<Checkpoint> checkpoints = new ArrayDeque<>();
    long position;
    byte[] hash;
    int checkpointsVerified;
    boolean walking = true;
    ChainBreak firstBreak;

    TenantCheck(String tenant, long from, StreamPosition anchor, byte[] hash) {
        this.tenant = tenant;
        this.from = from;
        this.anchor = anchor;
        this.position = from - 1;
        this.hash = hash;
    }

    /** Keeps the earliest break; a break found by walking also ends the walk, as nothing after it can be trusted. */
    void breakAt(long at, BreakKind kind, String detail, boolean endsWalk) {
        if (firstBreak == null || at < firstBreak.position()) {
            firstBreak = new ChainBreak(at, kind, detail);
        }
        if (endsWalk) {
            walking = false;
            links.clear();
        }
    }

    TenantVerification result() {
        return new TenantVerification(tenant, from, position, checkpointsVerified, firstBreak);
    }
}
