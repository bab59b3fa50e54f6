package org.eventscim.events;

/**
 * A position in the event store's publication order: the appending transaction's id, then the
 * event's global index. Every event of transactions older than the oldest running one is final, so
 * reading in this order up to that bound never skips a late-committing event.
 */
public record StreamPosition(long transactionId, long globalIndex) implements Comparable<StreamPosition> {

    public static final StreamPosition START = new StreamPosition(0, -1);

    @Override
    public int compareTo(StreamPosition other) {
        int byTransaction = Long.compare(transactionId, other.transactionId);
        return byTransaction != 0 ? byTransaction : Long.compare(globalIndex, other.globalIndex);
    }
}
