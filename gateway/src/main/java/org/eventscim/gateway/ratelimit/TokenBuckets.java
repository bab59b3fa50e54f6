package org.eventscim.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Bucket4j token buckets by key, each holding {@code perMinute} tokens. A bucket idle for a minute is full
 * again under either refill, so it is dropped then and no more buckets are kept than there were callers in
 * the last minute. A key whose limit changes gets a new, full bucket.
 */
public final class TokenBuckets {

    /** How spent tokens come back. */
    public enum Refill {
        /** Smoothly, {@code perMinute} spread over the minute: a steady request budget. */
        GREEDY,
        /** All at once when the minute has passed: once spent, the caller waits the window out. */
        WINDOWED
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Refill refill;
    private final TimeMeter time;
    private final Cache<Key, Bucket> buckets;

    public TokenBuckets(Refill refill, TimeMeter time) {
        this.refill = refill;
        this.time = time;
        this.buckets = Caffeine.newBuilder().expireAfterAccess(MINUTE).ticker(time::currentTimeNanos).build();
    }

    /** Takes one token from {@code key}'s bucket, if there is one to take. */
    public Allowance take(String key, int perMinute) {
        ConsumptionProbe probe = buckets.get(new Key(key, perMinute), this::newBucket).tryConsumeAndReturnRemaining(1);
        return new Allowance(probe.isConsumed(), probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** Seconds until {@code key} has a token again; 0 when it has one now. Takes nothing. */
    public long secondsUntilAvailable(String key, int perMinute) {
        Bucket bucket = buckets.getIfPresent(new Key(key, perMinute));
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket(Key key) {
        int tokens = key.perMinute();
        return Bucket.builder()
                .addLimit(limit -> refill == Refill.GREEDY
                        ? limit.capacity(tokens).refillGreedy(tokens, MINUTE)
                        : limit.capacity(tokens).refillIntervally(tokens, MINUTE))
                .withCustomTimePrecision(time)
                .build();
    }

    private static long seconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    private record Key(String name, int perMinute) {
    }
}
