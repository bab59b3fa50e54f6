package org.eventscim.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupChanged;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;
import org.junit.jupiter.api.Test;

class GroupProjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2025-03-02T10:00:00Z");
    private static final GroupMember ALICE = new GroupMember("u1", GroupMember.USER);
    private static final GroupMember ADMINS = new GroupMember("g9", GroupMember.GROUP);

    @Test
    void aCreatedGroupBecomesALiveDocumentWithOnlyItsOwnAttributes() {
        GroupProjection projection = GroupProjector.project(null, created(1));

        ResourceDocument group = projection.document();
        assertThat(group.id()).isEqualTo("tenant-a/g1");
        assertThat(group.version()).isEqualTo(1);
        assertThat(group.deleted()).isFalse();
        assertThat(group.created()).isEqualTo(CREATED_AT);
        assertThat(group.resource().path("displayName").asText()).isEqualTo("Engineering");
        assertThat(group.resource().path("externalId").asText()).isEqualTo("ext-g1");
        assertThat(group.resource().properties()).extracting(Map.Entry::getKey)
                .containsExactly("displayName", "externalId");
        assertThat(projection.added()).isEmpty();
        assertThat(projection.removed()).isEmpty();
        assertThat(projection.allMembershipsEnded()).isFalse();
    }

    @Test
    void addedMembersBecomeMembershipsAndANewVersionOfTheGroup() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();

        GroupProjection projection = GroupProjector.project(group, added(2, ALICE, ADMINS));

        assertThat(projection.document().version()).isEqualTo(2);
        assertThat(projection.document().lastModified()).isEqualTo(LATER);
        assertThat(projection.document().created()).isEqualTo(CREATED_AT);
        assertThat(projection.document().resource()).isEqualTo(group.resource());
        assertThat(projection.added()).containsExactly(
                new MembershipDocument("tenant-a", "g1", "u1", "User"),
                new MembershipDocument("tenant-a", "g1", "g9", "Group"));
        assertThat(projection.added().getFirst().id()).isEqualTo("tenant-a/g1/u1");
        assertThat(projection.removed()).isEmpty();
    }

    @Test
    void removedMembersEndTheirMembershipsAndAreANewVersionToo() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();

        GroupProjection projection = GroupProjector.project(group, removed(2, ALICE));

        assertThat(projection.document().version()).isEqualTo(2);
        assertThat(projection.removed()).containsExactly(new MembershipDocument("tenant-a", "g1", "u1", "User"));
        assertThat(projection.added()).isEmpty();
    }

    @Test
    void aChangeAppliesToTheGroupsAttributesOnly() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();
        EventEnvelope renamed = event(2, "GroupChanged", new GroupChanged("g1", List.of(
                new AttributeChange("displayName", TextNode.valueOf("Engineering"), TextNode.valueOf("R&D")),
                new AttributeChange("externalId", TextNode.valueOf("ext-g1"), null))));

        GroupProjection projection = GroupProjector.project(group, renamed);

        assertThat(projection.document().version()).isEqualTo(2);
        assertThat(projection.document().resource().toString()).isEqualTo("{\"displayName\":\"R&D\"}");
        assertThat(projection.added()).isEmpty();
        assertThat(projection.removed()).isEmpty();
    }

    @Test
    void aDeleteLeavesATombstoneAndEndsEveryMembership() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();

        GroupProjection projection = GroupProjector.project(group, deleted(3));

        assertThat(projection.document().deleted()).isTrue();
        assertThat(projection.document().version()).isEqualTo(3);
        assertThat(projection.document().created()).isEqualTo(CREATED_AT);
        assertThat(projection.allMembershipsEnded()).isTrue();
    }

    @Test
    void aRedeliveredMembershipEventChangesNothingAtAll() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();
        ResourceDocument withAlice = GroupProjector.project(group, added(2, ALICE)).document();

        GroupProjection again = GroupProjector.project(withAlice, added(2, ALICE));

        assertThat(again.document()).isSameAs(withAlice);
        assertThat(again.added()).isEmpty();
    }

    @Test
    void aMembershipChangeThatArrivesBeforeTheOneBeforeItWaitsForItsResend() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();

        // The publisher resends from its last acknowledged position after a failed send: 3, then 2 and 3 again.
        GroupProjection early = GroupProjector.project(group, added(3, ADMINS));
        ResourceDocument withAlice = GroupProjector.project(group, added(2, ALICE)).document();
        GroupProjection resent = GroupProjector.project(withAlice, added(3, ADMINS));

        assertThat(early.document()).isSameAs(group);
        assertThat(early.added()).isEmpty();
        assertThat(resent.document().version()).isEqualTo(3);
        assertThat(resent.added()).containsExactly(new MembershipDocument("tenant-a", "g1", "g9", "Group"));
    }

    @Test
    void aLateAddCannotBringBackAMemberRemovedSince() {
        ResourceDocument group = GroupProjector.project(null, created(1)).document();
        ResourceDocument withAlice = GroupProjector.project(group, added(2, ALICE)).document();
        ResourceDocument withoutAlice = GroupProjector.project(withAlice, removed(3, ALICE)).document();

        GroupProjection late = GroupProjector.project(withoutAlice, added(2, ALICE));
        GroupProjection replayedCreation = GroupProjector.project(withoutAlice, created(1));

        assertThat(late.document()).isSameAs(withoutAlice);
        assertThat(late.added()).isEmpty();
        assertThat(replayedCreation.document()).isSameAs(withoutAlice);
    }

    @Test
    void nothingOlderThanTheTombstoneRevivesTheGroupOrItsMemberships() {
        ResourceDocument tombstone = GroupProjector.project(null, deleted(4)).document();

        for (EventEnvelope late : List.of(created(1), added(2, ALICE), removed(3, ALICE), deleted(4))) {
            GroupProjection projection = GroupProjector.project(tombstone, late);
            assertThat(projection.document()).as(late.eventType()).isSameAs(tombstone);
            assertThat(projection.added()).isEmpty();
            assertThat(projection.removed()).isEmpty();
            assertThat(projection.allMembershipsEnded()).isFalse();
        }
    }

    @Test
    void membershipEventsOfAnUnknownGroupAreIgnored() {
        GroupProjection projection = GroupProjector.project(null, added(2, ALICE));

        assertThat(projection.document()).isNull();
        assertThat(projection.added()).isEmpty();
    }

    @Test
    void userEventsAreNotAGroupsBusiness() {
        EventEnvelope user = new EventEnvelope("e9", "UserCreated", "User", "u1", 1, StreamPosition.START,
                CREATED_AT, metadata(), JSON.createObjectNode());

        assertThat(GroupProjector.handles(user)).isFalse();
        assertThat(UserProjector.handles(created(1))).isFalse();
        assertThat(GroupProjector.project(null, user).document()).isNull();
    }

    static EventEnvelope created(long version) {
        ObjectNode attributes = JSON.createObjectNode().put("displayName", "Engineering").put("externalId", "ext-g1");
        attributes.put("id", "must-not-be-stored");
        attributes.putArray("members").addObject().put("value", "u1");
        return event(version, "GroupCreated", new GroupCreated("g1", "tenant-a", attributes), CREATED_AT);
    }

    static EventEnvelope added(long version, GroupMember... members) {
        return event(version, "GroupMembersAdded", new GroupMembersAdded("g1", List.of(members)));
    }

    static EventEnvelope removed(long version, GroupMember... members) {
        return event(version, "GroupMembersRemoved", new GroupMembersRemoved("g1", List.of(members)));
    }

    static EventEnvelope deleted(long version) {
        return event(version, "GroupDeleted", new GroupDeleted("g1"));
    }

    private static EventEnvelope event(long version, String type, Object payload) {
        return event(version, type, payload, LATER);
    }

    private static EventEnvelope event(long version, String type, Object payload, Instant at) {
        return new EventEnvelope("e-g1-" + version, type, "Group", "g1", version, new StreamPosition(1, version), at,
                metadata(), JSON.valueToTree(payload));
    }

    private static EventMetadata metadata() {
        return new EventMetadata("tenant-a", "token-1", "entra", "10.0.0.1", "Entra SCIM", "req-1", null);
    }
}
