package org.eventscim.query.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Elasticsearch reachability. Spring Boot's own indicator needs the legacy REST client, which this
 * service does not use; {@code cluster/health} also works where {@code info()} does not (STACK.md).
 */
@Component("elasticsearch")
class ElasticsearchHealthIndicator implements HealthIndicator {

    private final ElasticsearchClient client;

    ElasticsearchHealthIndicator(ElasticsearchClient client) {
        this.client = client;
    }

    @Override
    public Health health() {
        try {
            HealthResponse response = client.cluster().health();
            Health.Builder health = response.status() == HealthStatus.Red ? Health.down() : Health.up();
            return health.withDetail("status", response.status().jsonValue()).build();
        } catch (Exception unreachable) {
            return Health.down().withDetail("error", unreachable.toString()).build();
        }
    }
}
