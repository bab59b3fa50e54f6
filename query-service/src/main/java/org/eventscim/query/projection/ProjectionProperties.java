package org.eventscim.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka → Elasticsearch projection ({@code scim.projection.*} in application.yml).
 *
 * @param groupId        the consumer group; its committed offsets are the projection's position
 * @param instanceId     this instance's static member id in the group (at most one running instance per id)
 * @param maxPollRecords the most events written in one bulk request
 * @param pollTimeout    how long one poll waits for new events
 * @param retryBackoff   the first pause after a failed write; doubles up to {@code maxRetryBackoff}
 * @param maxRetryBackoff the longest pause between retries while Elasticsearch is unreachable
 * @param commitInterval how often, at most, the offsets of applied events are committed: what a crash
 *                       replays (harmlessly) against a Kafka round trip after every batch
 */
@ConfigurationProperties("scim.projection")
public record ProjectionProperties(String groupId, String instanceId, int maxPollRecords, Duration pollTimeout,
                                   Duration retryBackoff, Duration maxRetryBackoff, Duration commitInterval) {
}
