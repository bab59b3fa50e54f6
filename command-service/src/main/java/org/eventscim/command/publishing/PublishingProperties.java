package org.eventscim.command.publishing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code scim.publishing.*}: see application.yml for the defaults and what each one means. */
@ConfigurationProperties("scim.publishing")
public record PublishingProperties(int batchSize, Duration idlePoll, Duration retryBackoff, Duration positionSaveInterval) {
}
