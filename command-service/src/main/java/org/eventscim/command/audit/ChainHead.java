package org.eventscim.command.audit;

import java.time.Duration;
import java.time.Instant;

/** A tenant's last link and its last checkpoint, as the chainer keeps them between batches. */
record ChainHead(long position, byte[] hash, long checkpointed, Instant checkpointedAt) {

    static final ChainHead EMPTY = new ChainHead(0, ChainHasher.GENESIS, 0, null);

    ChainHead advance(long newPosition, byte[] newHash) {
        return new ChainHead(newPosition, newHash, checkpointed, checkpointedAt);
    }

    ChainHead checkpoint(Instant at) {
        return new ChainHead(position, hash, position, at);
    }

    /** A checkpoint is due when links were added since the last one and that one is old enough. */
    boolean checkpointDue(Instant now, Duration interval) {
        return position > checkpointed && (checkpointedAt == null || !checkpointedAt.plus(interval).isAfter(now));
    }
}
