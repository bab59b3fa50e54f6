package org.eventscim.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka → Elasticsearch projection ({@code scim.projection.*} in application.yml).
 *
 * @param groupId        the consumer group; its committed offsets are the projection's position
 * @param maxPollRecords the most events written in one bulk request
 * @param pollTimeout    how long one poll waits for new events
 * @param refresh        how a written batch becomes searchable before it counts as applied
 * @param retryBackoff   the first pause after a failed write; doubles up to {@code maxRetryBackoff}
 * @param maxRetryBackoff the longest pause between retries while Elasticsearch is unreachable
 */
@ConfigurationProperties("scim.projection")
public record ProjectionProperties(String groupId, int maxPollRecords, Duration pollTimeout, Refresh refresh,
                                   Duration retryBackoff, Duration maxRetryBackoff) {

    public enum Refresh {
        /** Refresh the written shards right after the bulk request (measured fastest for small batches). */
        IMMEDIATE,
        /** Wait for the next scheduled refresh ({@code refresh-interval} of the index). */
        WAIT_FOR
    }
}
