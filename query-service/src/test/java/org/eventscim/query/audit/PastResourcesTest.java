package org.eventscim.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.query.index.AuditDocument;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.index.ResourceDocument;
import org.eventscim.query.projection.AuditProjector;
import org.junit.jupiter.api.Test;

class PastResourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final EventMetadata METADATA = new EventMetadata("tenant-a", "token-1", "entra", "10.0.0.7",
            "Entra/1.0", "req-1", null);

    @Test
    void noEventsYetMeansTheUserDidNotExist() {
        assertThat(PastResources.user(List.of())).isNull();
    }

    @Test
    void theUserIsItsEventsFoldedUpToTheInstant() {
        List<AuditDocument> events = List.of(userCreated(), titleChanged(2, "Engineer", "Lead"),
                titleChanged(3, "Lead", "Director"));

        ResourceDocument afterFirstPatch = PastResources.user(events.subList(0, 2));
        ResourceDocument afterBoth = PastResources.user(events);

        assertThat(afterFirstPatch.version()).isEqualTo(2);
        assertThat(afterFirstPatch.attributes().path("title").asText()).isEqualTo("Lead");
        assertThat(afterFirstPatch.created()).isEqualTo(T0);
        assertThat(afterFirstPatch.lastModified()).isEqualTo(T0.plusSeconds(1));
        assertThat(afterBoth.attributes().path("title").asText()).isEqualTo("Director");
        assertThat(afterBoth.attributes().path("userName").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void aDeletedUserIsATombstoneNamingTheDeletionTime() {
        ResourceDocument deleted = PastResources.user(List.of(userCreated(), titleChanged(2, "Engineer", "Lead"),
                user("UserDeleted", 3, new UserDeleted("u1"))));

        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.lastModified()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aGroupHasTheMembersItHadThen() {
        List<AuditDocument> events = List.of(
                group("GroupCreated", 1, new GroupCreated("g1", "tenant-a", JSON.createObjectNode().put("displayName", "Ops"))),
                group("GroupMembersAdded", 2, new GroupMembersAdded("g1", List.of(member("u2"), member("u1")))),
                group("GroupMembersRemoved", 3, new GroupMembersRemoved("g1", List.of(member("u2")))));

        PastResources.PastGroup beforeRemoval = PastResources.group(events.subList(0, 2));
        PastResources.PastGroup afterRemoval = PastResources.group(events);

        assertThat(beforeRemoval.members()).extracting(MembershipDocument::memberId).containsExactly("u1", "u2");
        assertThat(afterRemoval.members()).extracting(MembershipDocument::memberId).containsExactly("u1");
        assertThat(afterRemoval.document().version()).isEqualTo(3);
        assertThat(afterRemoval.document().attributes().path("displayName").asText()).isEqualTo("Ops");
    }

    @Test
    void aUsersGroupsFollowTheMembershipEventsInStreamOrderAndEndWithADeletedGroup() {
        List<AuditDocument> membershipEvents = List.of(
                groupEvent("g2", "GroupMembersAdded", 2, 10, new GroupMembersAdded("g2", List.of(member("u1")))),
                groupEvent("g3", "GroupMembersRemoved", 3, 13, new GroupMembersRemoved("g3", List.of(member("u1")))),
                groupEvent("g1", "GroupMembersAdded", 2, 11, new GroupMembersAdded("g1", List.of(member("u1")))),
                groupEvent("g3", "GroupMembersAdded", 2, 12, new GroupMembersAdded("g3", List.of(member("u1")))));

        List<MembershipDocument> groups = PastResources.groupsOf("tenant-a", "u1", membershipEvents, Set.of("g2"));

        assertThat(groups).extracting(MembershipDocument::groupId).containsExactly("g1");
    }

    private static GroupMember member(String id) {
        return new GroupMember(id, GroupMember.USER);
    }

    private static AuditDocument userCreated() {
        ObjectNode attributes = JSON.createObjectNode().put("userName", "alice@example.com").put("title", "Engineer");
        return user("UserCreated", 1, new UserCreated("u1", "tenant-a", attributes));
    }

    private static AuditDocument titleChanged(long version, String before, String after) {
        return user("UserChanged", version, new UserChanged("u1",
                List.of(new AttributeChange("title", TextNode.valueOf(before), TextNode.valueOf(after)))));
    }

    private static AuditDocument user(String type, long version, Object payload) {
        return AuditProjector.document(new EventEnvelope("u1-" + version, type, "User", "u1", version,
                new StreamPosition(version, version), T0.plusSeconds(version - 1), METADATA,
                JSON.valueToTree(payload)));
    }

    private static AuditDocument group(String type, long version, Object payload) {
        return groupEvent("g1", type, version, version, payload);
    }

    private static AuditDocument groupEvent(String id, String type, long version, long transactionId, Object payload) {
        return AuditProjector.document(new EventEnvelope(id + "-" + version, type, "Group", id, version,
                new StreamPosition(transactionId, transactionId), T0.plusSeconds(version), METADATA,
                JSON.valueToTree(payload)));
    }
}
