package org.eventscim.query.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code scim.rebuild.*} (see application.yml).
 *
 * @param commandUrl  the command-service, whose {@code /internal/events} serves the event store
 * @param batchSize   events read from the store and folded at a time
 * @param holdTimeout how long a rebuild waits for the live projection's current batch before it gives up
 */
@ConfigurationProperties("scim.rebuild")
public record RebuildProperties(String commandUrl, int batchSize, Duration holdTimeout) {
}
