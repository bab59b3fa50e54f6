package org.eventscim.protocol.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppliedVersionsTest {

    private static final ResourceKey ALICE = new ResourceKey("tenant-a", "User", "u1");

    private final AppliedVersions versions = new AppliedVersions();

    @Test
    void aWaiterCompletesOnceItsVersionOrANewerOneIsApplied() {
        CompletableFuture<Boolean> waitsForTwo = versions.await(ALICE, 2, Duration.ofSeconds(10));

        versions.applied(ALICE, 1);
        assertThat(waitsForTwo).isNotDone();

        versions.applied(ALICE, 3);
        assertThat(waitsForTwo).isCompletedWithValue(true);
        assertThat(versions.pending()).isZero();
    }

    @Test
    void aWaiterForAVersionAlreadyAppliedCompletesAtOnce() {
        versions.applied(ALICE, 3);

        assertThat(versions.await(ALICE, 2, Duration.ofSeconds(10))).isCompletedWithValue(true);
        assertThat(versions.await(ALICE, 4, Duration.ofSeconds(10))).isNotDone();
    }

    @Test
    void onlyTheMostRecentlyAppliedResourcesAreRemembered() {
        versions.applied(ALICE, 1);
        for (int i = 0; i < AppliedVersions.REMEMBERED; i++) {
            versions.applied(new ResourceKey("tenant-a", "User", "other-" + i), 1);
        }

        assertThat(versions.await(ALICE, 1, Duration.ofSeconds(10))).isNotDone();
    }

    @Test
    void anotherTenantsResourceWithTheSameIdDoesNotCount() {
        CompletableFuture<Boolean> waiter = versions.await(ALICE, 1, Duration.ofSeconds(10));

        versions.applied(new ResourceKey("tenant-b", "User", "u1"), 5);

        assertThat(waiter).isNotDone();
    }

    @Test
    void aWaiterAnswersFalseAtItsDeadlineAndIsForgotten() throws Exception {
        CompletableFuture<Boolean> waiter = versions.await(ALICE, 1, Duration.ofMillis(50));

        assertThat(waiter.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(versions.pending()).isZero();
    }

    @Test
    void abandonedWaitersAnswerFalseAtOnceAndLaterOnesWaitAsBefore() {
        CompletableFuture<Boolean> first = versions.await(ALICE, 1, Duration.ofSeconds(10));
        CompletableFuture<Boolean> second = versions.await(new ResourceKey("tenant-b", "Group", "g1"), 4, Duration.ofSeconds(10));

        versions.abandonAll();

        assertThat(first).isCompletedWithValue(false);
        assertThat(second).isCompletedWithValue(false);
        assertThat(versions.pending()).isZero();
        CompletableFuture<Boolean> later = versions.await(ALICE, 1, Duration.ofSeconds(10));
        versions.applied(ALICE, 1);
        assertThat(later).isCompletedWithValue(true);
    }
}
