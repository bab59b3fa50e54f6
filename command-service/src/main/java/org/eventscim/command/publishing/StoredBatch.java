package org.eventscim.command.publishing;

import java.util.List;
import org.eventscim.events.EventEnvelope;

/**
 * The next stored events to publish, and whether committed events after them are held back behind an
 * older transaction still running (they are read once it ends).
 */
record StoredBatch(List<EventEnvelope> events, boolean heldBack) {
}
