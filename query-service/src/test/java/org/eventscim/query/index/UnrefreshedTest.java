package org.eventscim.query.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnrefreshedTest {

    private final Unrefreshed<ResourceDocument> held = Unrefreshed.documents();
    /** Counts as IndexFreshness's guards do: the first count is whatever was written before the start. */
    private final FreshnessGuard guard = new FreshnessGuard(() -> { }, held::refreshed);

    UnrefreshedTest() {
        guard.applied();
    }

    @Test
    void nothingIsKnownUntilTheFirstRefreshCoversWhatCameBeforeTheStart() throws Exception {
        held.written(List.of(user("a", "alice", 1)), guard);
        assertThat(held.of("a")).isEmpty();

        guard.awaitSearchable();

        assertThat(held.of("a")).hasValue(List.of());
    }

    @Test
    void holdsEachTenantsDocumentsAsLastWrittenUntilARefreshCoversThem() throws Exception {
        guard.awaitSearchable();
        held.written(List.of(user("a", "alice", 1), user("b", "bob", 1)), guard);
        held.written(List.of(user("a", "alice", 2)), guard);
        held.written(List.of(user("a", "alice", 1)), guard);

        assertThat(held.of("a")).hasValueSatisfying(documents -> assertThat(documents)
                .singleElement().extracting(ResourceDocument::version).isEqualTo(2L));
        assertThat(held.of("b")).hasValueSatisfying(documents -> assertThat(documents).hasSize(1));

        guard.awaitSearchable();

        assertThat(held.of("a")).hasValue(List.of());
        assertThat(held.of("b")).hasValue(List.of());
    }

    @Test
    void aRefreshThatStartedBeforeAWriteDoesNotReleaseIt() {
        held.refreshed(1);
        held.written(List.of(user("a", "alice", 1)), guard);

        held.refreshed(1);

        assertThat(held.of("a")).hasValueSatisfying(documents -> assertThat(documents).hasSize(1));
    }

    @Test
    void aWriteWhoseDocumentsAreNotKnownHidesEverythingUntilARefreshCoversIt() throws Exception {
        guard.awaitSearchable();
        held.written(List.of(user("a", "alice", 1)), guard);
        held.writtenUnknown(guard);

        assertThat(held.of("a")).isEmpty();

        guard.awaitSearchable();

        assertThat(held.of("a")).hasValue(List.of());
    }

    @Test
    void pastTheLimitNothingIsKnownAndTheWriterIsToldToRefresh() throws Exception {
        guard.awaitSearchable();
        boolean overLimit = false;
        for (int i = 0; i <= Unrefreshed.LIMIT; i++) {
            overLimit = held.written(List.of(user("a", "user-" + i, 1)), guard);
        }

        assertThat(overLimit).isTrue();
        assertThat(held.of("a")).isEmpty();

        guard.awaitSearchable();

        assertThat(held.of("a")).hasValue(List.of());
        assertThat(IntStream.range(0, 10).mapToObj(i -> held.written(List.of(user("a", "x" + i, 1)), guard)))
                .containsOnly(false);
    }

    @Test
    void aMembershipIsHeldAsLastWrittenAddedOrRemoved() throws Exception {
        Unrefreshed<MembershipWrite> memberships = Unrefreshed.memberships();
        FreshnessGuard membershipGuard = new FreshnessGuard(() -> { }, memberships::refreshed);
        membershipGuard.applied();
        membershipGuard.awaitSearchable();
        MembershipDocument alice = new MembershipDocument("a", "g1", "alice", "User");

        memberships.written(List.of(new MembershipWrite(alice, true)), membershipGuard);
        memberships.written(List.of(new MembershipWrite(alice, false)), membershipGuard);

        assertThat(memberships.of("a")).hasValue(List.of(new MembershipWrite(alice, false)));
        assertThat(memberships.of("b")).hasValue(List.of());
    }

    private static ResourceDocument user(String tenant, String id, long version) {
        return ResourceDocument.live(tenant, id, version, Instant.EPOCH, Instant.EPOCH,
                JsonNodeFactory.instance.objectNode().put("userName", id));
    }
}
