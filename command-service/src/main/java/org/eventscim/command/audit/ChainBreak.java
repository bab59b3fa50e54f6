package org.eventscim.command.audit;

/** The first position at which a tenant's chain does not hold, and why. */
record ChainBreak(long position, BreakKind kind, String detail) {
}
