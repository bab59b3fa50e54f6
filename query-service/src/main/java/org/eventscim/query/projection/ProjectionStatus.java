package org.eventscim.query.projection;

import java.time.Instant;

/**
 * What the projection is doing, for the health endpoint.
 *
 * @param consuming   whether the consumer thread is reading events
 * @param lastFailure the failure being retried, null when the last attempt succeeded
 * @param failedAt    when that failure happened
 */
record ProjectionStatus(boolean consuming, String lastFailure, Instant failedAt) {
}
