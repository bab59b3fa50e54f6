package org.eventscim.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBackPollsTest {

    private final HeldBackPolls polls = new HeldBackPolls(Duration.ofMillis(200));

    @Test
    void withNothingHeldBackThePublisherWaitsForACommitOrTheIdlePoll() {
        assertThat(polls.waitMillis(false)).isEqualTo(200);
        assertThat(polls.waitMillis(false)).isEqualTo(200);
    }

    @Test
    void whileEventsAreHeldBackItLooksAgainAfterOneMillisecondDoublingUpToTheIdlePoll() {
        List<Long> waits = new ArrayList<>();
        for (int read = 0; read < 10; read++) {
            waits.add(polls.waitMillis(true));
        }

        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 200L, 200L);
    }

    @Test
    void onceNothingIsHeldBackTheNextHoldStartsAgainAtOneMillisecond() {
        polls.waitMillis(true);
        polls.waitMillis(true);
        polls.waitMillis(true);

        assertThat(polls.waitMillis(false)).isEqualTo(200);
        assertThat(polls.waitMillis(true)).isEqualTo(1);
    }
}
