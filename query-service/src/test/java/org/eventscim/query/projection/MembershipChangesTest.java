package org.eventscim.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;
import org.junit.jupiter.api.Test;

class MembershipChangesTest {

    private static final GroupMember ALICE = new GroupMember("u1", GroupMember.USER);
    private static final GroupMember BOB = new GroupMember("u2", GroupMember.USER);

    @Test
    void eachMembershipIsWrittenOnceInItsFinalState() {
        MembershipChanges changes = fold(GroupProjectorTest.created(1), GroupProjectorTest.added(2, ALICE, BOB),
                GroupProjectorTest.removed(3, ALICE));

        assertThat(changes.pending()).containsExactly(
                new MembershipChanges.Pending(new MembershipDocument("tenant-a", "g1", "u1", "User"), false),
                new MembershipChanges.Pending(new MembershipDocument("tenant-a", "g1", "u2", "User"), true));
        assertThat(changes.endedGroups()).isEmpty();
    }

    @Test
    void aDeletedGroupsPendingWritesGiveWayToDeletingAllItsMemberships() {
        MembershipChanges changes = fold(GroupProjectorTest.created(1), GroupProjectorTest.added(2, ALICE),
                GroupProjectorTest.deleted(3));

        assertThat(changes.pending()).isEmpty();
        assertThat(changes.endedGroups()).containsExactly(new ResourceKey("tenant-a", "Group", "g1"));
        assertThat(changes.isEmpty()).isFalse();
    }

    @Test
    void aBatchOfRedeliveredEventsWritesNothing() {
        ResourceDocument current = GroupProjector.project(null, GroupProjectorTest.created(1)).document();
        current = GroupProjector.project(current, GroupProjectorTest.added(2, ALICE)).document();
        current = GroupProjector.project(current, GroupProjectorTest.removed(3, ALICE)).document();

        MembershipChanges changes = new MembershipChanges();
        for (EventEnvelope event : List.of(GroupProjectorTest.created(1), GroupProjectorTest.added(2, ALICE))) {
            GroupProjection projection = GroupProjector.project(current, event);
            current = projection.document();
            changes.apply(projection);
        }

        assertThat(changes.isEmpty()).isTrue();
    }

    private static MembershipChanges fold(EventEnvelope... events) {
        MembershipChanges changes = new MembershipChanges();
        ResourceDocument current = null;
        for (EventEnvelope event : events) {
            GroupProjection projection = GroupProjector.project(current, event);
            current = projection.document();
            changes.apply(projection);
        }
        return changes;
    }
}
