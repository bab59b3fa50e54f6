package org.eventscim.command.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code scim.audit.*}: see application.yml for the defaults and what each one means. */
@ConfigurationProperties("scim.audit")
public record AuditProperties(int batchSize, Duration idlePoll, Duration retryBackoff, Duration checkpointInterval,
                              Path signingKey, String operatorTenant) {
}
