package org.eventscim.query.projection;

import org.eventscim.query.deadletter.DeadLetters;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports whether the projection is keeping up. A projection retrying a failed write is still
 * UP (it loses nothing), with the failure shown; Elasticsearch's own indicator says whether reads work.
 */
@Component("projection")
class ProjectionHealthIndicator implements HealthIndicator {

    private final ProjectionConsumer consumer;
    private final DeadLetters deadLetters;

    ProjectionHealthIndicator(ProjectionConsumer consumer, DeadLetters deadLetters) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        ProjectionStatus status = consumer.status();
        Health.Builder health = status.consuming() ? Health.up() : Health.down();
        if (status.lastFailure() != null) {
            health.withDetail("retrying", status.lastFailure()).withDetail("since", status.failedAt().toString());
        }
        // Dead letters do not make the service unhealthy (everything else is applied); the metric raises the alert.
        return health.withDetail("deadLetters", deadLetters.count()).build();
    }
}
