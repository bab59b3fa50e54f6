package org.eventscim.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final ManualTime time = new ManualTime();

    @Test
    void aGreedyBucketGrantsItsBudgetThenRefusesUntilATokenHasComeBack() {
        TokenBuckets buckets = new TokenBuckets(TokenBuckets.Refill.GREEDY, time);

        assertThat(buckets.take("acme", 3)).isEqualTo(new Allowance(true, 2, 20, 0));
        assertThat(buckets.take("acme", 3)).isEqualTo(new Allowance(true, 1, 40, 0));
        assertThat(buckets.take("acme", 3)).isEqualTo(new Allowance(true, 0, 60, 0));
        assertThat(buckets.take("acme", 3)).isEqualTo(new Allowance(false, 0, 60, 20));

        time.advance(Duration.ofSeconds(20));
        assertThat(buckets.take("acme", 3).granted()).isTrue();
        assertThat(buckets.take("acme", 3).granted()).isFalse();
    }

    @Test
    void everyKeyHasItsOwnBucketAndAChangedLimitStartsAFullOne() {
        TokenBuckets buckets = new TokenBuckets(TokenBuckets.Refill.GREEDY, time);
        buckets.take("acme", 1);

        assertThat(buckets.take("acme", 1).granted()).isFalse();
        assertThat(buckets.take("globex", 1).granted()).isTrue();
        assertThat(buckets.take("acme", 5)).isEqualTo(new Allowance(true, 4, 12, 0));
    }

    @Test
    void aWindowedBucketOnceSpentWaitsTheWholeMinuteOut() {
        TokenBuckets buckets = new TokenBuckets(TokenBuckets.Refill.WINDOWED, time);
        assertThat(buckets.secondsUntilAvailable("10.0.0.1", 2)).isZero();

        buckets.take("10.0.0.1", 2);
        assertThat(buckets.secondsUntilAvailable("10.0.0.1", 2)).isZero();
        buckets.take("10.0.0.1", 2);
        assertThat(buckets.secondsUntilAvailable("10.0.0.1", 2)).isEqualTo(60);

        time.advance(Duration.ofSeconds(59));
        assertThat(buckets.secondsUntilAvailable("10.0.0.1", 2)).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(buckets.secondsUntilAvailable("10.0.0.1", 2)).isZero();
    }

    @Test
    void lookingTakesNothing() {
        TokenBuckets buckets = new TokenBuckets(TokenBuckets.Refill.WINDOWED, time);
        for (int i = 0; i < 10; i++) {
            buckets.secondsUntilAvailable("10.0.0.1", 1);
        }
        assertThat(buckets.take("10.0.0.1", 1).granted()).isTrue();
    }

    private static final class ManualTime implements TimeMeter {

        private long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
