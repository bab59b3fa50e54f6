package org.eventscim.command.audit;

import org.eventscim.events.StreamPosition;

/** Link {@code position} (1, 2, 3...) of a tenant's chain: the hash up to and including the event it names. */
record ChainLink(String tenant, long position, StreamPosition eventPosition, String eventId, byte[] hash) {
}
