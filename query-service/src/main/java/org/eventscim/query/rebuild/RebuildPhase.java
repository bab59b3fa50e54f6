package org.eventscim.query.rebuild;

/** Where a rebuild of the read models stands. */
public enum RebuildPhase {
    /** New indexes created; the event store is being folded into them while the live projection goes on. */
    LOADING,
    /** The live projection is held; the last events of the store are folded, then the aliases move. */
    CATCHING_UP,
    /** The aliases point to the new indexes; the old ones are kept, or deleted when asked. */
    SUCCEEDED,
    /** Stopped before the aliases moved: reads and the live projection use the old indexes as before. */
    FAILED
}
