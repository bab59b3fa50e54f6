package org.eventscim.command.audit;

/** What the verifier found wrong at a tenant's first bad position. */
enum BreakKind {
    /** The event's stored bytes no longer hash to its link. */
    EDITED,
    /** The link names an event the store no longer holds, or a link itself is gone. */
    MISSING,
    /** The store holds an event, within the chained range, that no link of its tenant names. */
    INSERTED,
    /** The event is in the chain, but at another position: the store's order changed. */
    REORDERED,
    /** Events and links agree, but not with a signed checkpoint: both were rewritten at or before this position. */
    REWRITTEN,
    /** A checkpoint's signature does not verify with the configured key. */
    BAD_SIGNATURE
}
