package org.eventscim.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.EventEnvelope;
import org.eventscim.events.EventMetadata;
import org.eventscim.events.StreamPosition;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.eventscim.events.user.UserPasswordChanged;
import org.eventscim.query.index.ResourceDocument;
import org.junit.jupiter.api.Test;

class UserProjectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED_AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Instant DELETED_AT = Instant.parse("2025-03-02T10:00:00Z");

    @Test
    void aCreatedUserBecomesALiveDocumentAtVersionOne() {
        ResourceDocument document = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));

        assertThat(document.id()).isEqualTo("tenant-a/u1");
        assertThat(document.tenant()).isEqualTo("tenant-a");
        assertThat(document.resourceId()).isEqualTo("u1");
        assertThat(document.version()).isEqualTo(1);
        assertThat(document.deleted()).isFalse();
        assertThat(document.created()).isEqualTo(CREATED_AT);
        assertThat(document.lastModified()).isEqualTo(CREATED_AT);
        assertThat(document.resource().path("userName").asText()).isEqualTo("alice@example.com");
        assertThat(document.resource().path("emails").get(0).path("value").asText()).isEqualTo("alice@work.example");
    }

    @Test
    void renderedAndSecretAttributesAreNeverStored() {
        ResourceDocument document = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));

        assertThat(document.resource().has("id")).isFalse();
        assertThat(document.resource().has("meta")).isFalse();
        assertThat(document.resource().has("schemas")).isFalse();
        assertThat(document.resource().has("password")).isFalse();
    }

    @Test
    void aDeleteLeavesATombstoneThatKeepsTheVersionAndCreationTime() {
        ResourceDocument live = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));

        ResourceDocument tombstone = UserProjector.project(live, deleted("u1", "tenant-a", 2, DELETED_AT));

        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.version()).isEqualTo(2);
        assertThat(tombstone.resource()).isNull();
        assertThat(tombstone.created()).isEqualTo(CREATED_AT);
        assertThat(tombstone.lastModified()).isEqualTo(DELETED_AT);
    }

    @Test
    void aDeleteOfAnUnseenUserStillLeavesATombstone() {
        ResourceDocument tombstone = UserProjector.project(null, deleted("u1", "tenant-a", 2, DELETED_AT));

        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.version()).isEqualTo(2);
    }

    @Test
    void aDuplicateEventChangesNothing() {
        ResourceDocument live = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));

        assertThat(UserProjector.project(live, created("u1", "tenant-a", 1, CREATED_AT))).isSameAs(live);
    }

    @Test
    void anOlderEventCannotResurrectADeletedUser() {
        ResourceDocument tombstone = UserProjector.project(null, deleted("u1", "tenant-a", 2, DELETED_AT));

        assertThat(UserProjector.project(tombstone, created("u1", "tenant-a", 1, CREATED_AT))).isSameAs(tombstone);
    }

    @Test
    void aChangeThatArrivesBeforeTheOneBeforeItIsNotAppliedYet() throws Exception {
        ResourceDocument live = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));
        EventEnvelope third = new EventEnvelope("e-u1-3", "UserChanged", "User", "u1", 3, new StreamPosition(3, 3),
                DELETED_AT, metadata("tenant-a"), JSON.valueToTree(new UserChanged("u1", List.of(
                        new AttributeChange("title", null, JSON.readTree("\"Engineer\""))))));

        assertThat(UserProjector.project(live, third)).isSameAs(live);
    }

    @Test
    void aChangeSetsTheChangedAttributesAndKeepsTheRest() throws Exception {
        ResourceDocument live = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));
        EventEnvelope change = new EventEnvelope("e-u1-2", "UserChanged", "User", "u1", 2, new StreamPosition(2, 2),
                DELETED_AT, metadata("tenant-a"), JSON.valueToTree(new UserChanged("u1", List.of(
                        new AttributeChange("active", null, JSON.readTree("false")),
                        new AttributeChange("emails", live.resource().get("emails"), null)))));

        ResourceDocument changed = UserProjector.project(live, change);

        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.created()).isEqualTo(CREATED_AT);
        assertThat(changed.lastModified()).isEqualTo(DELETED_AT);
        assertThat(changed.resource()).isEqualTo(JSON.readTree("{\"userName\":\"alice@example.com\",\"active\":false}"));
        assertThat(UserProjector.project(changed, change)).isSameAs(changed);
    }

    @Test
    void aPasswordChangeIsANewVersionThatShowsNothingOfThePassword() {
        ResourceDocument live = UserProjector.project(null, created("u1", "tenant-a", 1, CREATED_AT));
        EventEnvelope password = new EventEnvelope("e-u1-2", "UserPasswordChanged", "User", "u1", 2,
                new StreamPosition(2, 2), DELETED_AT, metadata("tenant-a"),
                JSON.valueToTree(new UserPasswordChanged("u1", "pbkdf2-sha256$1$salt$hash")));

        ResourceDocument touched = UserProjector.project(live, password);

        assertThat(touched.version()).isEqualTo(2);
        assertThat(touched.lastModified()).isEqualTo(DELETED_AT);
        assertThat(touched.resource()).isEqualTo(live.resource());
    }

    @Test
    void eventsOfOtherTypesAreIgnored() {
        EventEnvelope group = new EventEnvelope("e9", "GroupCreated", "Group", "g1", 1, StreamPosition.START,
                CREATED_AT, metadata("tenant-a"), JSON.createObjectNode());

        assertThat(UserProjector.handles(group)).isFalse();
        assertThat(UserProjector.project(null, group)).isNull();
    }

    static EventEnvelope created(String userId, String tenant, long version, Instant at) {
        ObjectNode attributes = JSON.createObjectNode()
                .put("userName", "alice@example.com")
                .put("id", "must-not-be-stored")
                .put("password", "secret");
        attributes.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        attributes.putObject("meta").put("resourceType", "User");
        attributes.putArray("emails").addObject().put("value", "alice@work.example").put("type", "work");
        return new EventEnvelope("e-" + userId + "-" + version, "UserCreated", "User", userId, version,
                new StreamPosition(1, version), at, metadata(tenant),
                JSON.valueToTree(new UserCreated(userId, tenant, attributes)));
    }

    static EventEnvelope deleted(String userId, String tenant, long version, Instant at) {
        return new EventEnvelope("e-" + userId + "-" + version, "UserDeleted", "User", userId, version,
                new StreamPosition(1, version), at, metadata(tenant), JSON.valueToTree(new UserDeleted(userId)));
    }

    private static EventMetadata metadata(String tenant) {
        return new EventMetadata(tenant, "token-1", "okta", "10.0.0.1", "Okta SCIM", "req-1", null);
    }
}
