package org.eventscim.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.credential.TokenIssued;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.events.user.UserPasswordChanged;
import org.eventscim.query.index.AuditDocument;
import org.junit.jupiter.api.Test;

class AuditProjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final EventMetadata METADATA = new EventMetadata("tenant-a", "token-1", "entra", "10.0.0.7",
            "Entra/1.0", "req-1", 3);

    @Test
    void everyEnvelopeFieldAndTheCallerAreRecorded() {
        AuditDocument document = AuditProjector.document(event("UserDeleted", "User", "u1", 4, new UserDeleted("u1")));

        assertThat(document.eventId()).isEqualTo("event-u1-4");
        assertThat(document.tenant()).isEqualTo("tenant-a");
        assertThat(document.resourceType()).isEqualTo("User");
        assertThat(document.resourceId()).isEqualTo("u1");
        assertThat(document.version()).isEqualTo(4);
        assertThat(document.eventType()).isEqualTo("UserDeleted");
        assertThat(document.timestamp()).isEqualTo(AT);
        assertThat(document.transactionId()).isEqualTo(77);
        assertThat(document.globalIndex()).isEqualTo(4);
        assertThat(document.position()).isEqualTo("77:4");
        assertThat(document.actorId()).isEqualTo("token-1");
        assertThat(document.actorName()).isEqualTo("entra");
        assertThat(document.sourceIp()).isEqualTo("10.0.0.7");
        assertThat(document.userAgent()).isEqualTo("Entra/1.0");
        assertThat(document.requestId()).isEqualTo("req-1");
        assertThat(document.bulkOperation()).isEqualTo(3);
        assertThat(document.changes()).isEmpty();
        assertThat(document.payload().path("userId").asText()).isEqualTo("u1");
    }

    @Test
    void aCreationIsEveryAttributeFromNothingWithExtensionAttributesNamedByUrn() {
        ObjectNode attributes = JSON.createObjectNode().put("userName", "alice@example.com");
        attributes.putObject(ENTERPRISE).put("department", "Finance");
        attributes.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");

        AuditDocument document = AuditProjector.document(event("UserCreated", "User", "u1", 1,
                new UserCreated("u1", "tenant-a", attributes)));

        assertThat(document.changes()).containsExactly(
                new AttributeChange("userName", null, TextNode.valueOf("alice@example.com")),
                new AttributeChange(ENTERPRISE + ":department", null, TextNode.valueOf("Finance")));
    }

    @Test
    void aChangeKeepsBeforeAndAfterOfEachChangedAttribute() {
        List<AttributeChange> changes = List.of(new AttributeChange("title", TextNode.valueOf("Engineer"),
                TextNode.valueOf("Lead")), new AttributeChange("nickName", TextNode.valueOf("Al"), null));

        AuditDocument document = AuditProjector.document(event("UserChanged", "User", "u1", 2, new UserChanged("u1", changes)));

        // As JSON: an absent value may come back as a JSON null.
        JsonNode recorded = JSON.valueToTree(document.changes());
        JsonNode expected = JSON.valueToTree(changes);
        assertThat(recorded).isEqualTo(expected);
    }

    @Test
    void aPasswordChangeSaysSoButNeverKeepsTheHash() {
        AuditDocument document = AuditProjector.document(event("UserPasswordChanged", "User", "u1", 2,
                new UserPasswordChanged("u1", "pbkdf2$secret-hash")));

        assertThat(document.changes()).containsExactly(new AttributeChange("password", null, null));
        assertThat(document.payload().has("passwordHash")).isFalse();
        assertThat(document.payload().path("userId").asText()).isEqualTo("u1");
    }

    @Test
    void membershipEventsListTheMembersAddedOrRemoved() {
        AuditDocument document = AuditProjector.document(event("GroupMembersRemoved", "Group", "g1", 3,
                new GroupMembersRemoved("g1", List.of(new GroupMember("u1", "User")))));

        assertThat(document.membersRemoved()).containsExactly(new GroupMember("u1", "User"));
        assertThat(document.membersAdded()).isEmpty();
    }

    @Test
    void credentialEventsAreRecordedAsTheyCame() {
        AuditDocument document = AuditProjector.document(event("TokenIssued", "Credentials", "credentials:tenant-a", 1,
                new TokenIssued("t1", "okta", List.of("scim:read"))));

        assertThat(document.resourceType()).isEqualTo("Credentials");
        assertThat(document.payload().path("name").asText()).isEqualTo("okta");
        assertThat(document.changes()).isEmpty();
    }

    @Test
    void anUnreadablePayloadIsStillRecordedWithoutChanges() {
        AuditDocument document = AuditProjector.document(new EventEnvelope("e", "UserChanged", "User", "u1", 2,
                new StreamPosition(1, 1), AT, METADATA, TextNode.valueOf("not a change")));

        assertThat(document.changes()).isEmpty();
        assertThat(document.payload().asText()).isEqualTo("not a change");
    }

    private static EventEnvelope event(String type, String resourceType, String id, long version, Object payload) {
        return new EventEnvelope("event-" + id + "-" + version, type, resourceType, id, version,
                new StreamPosition(77, version), AT, METADATA, JSON.valueToTree(payload));
    }
}
