package org.eventscim.command.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eventscim.command.eventstore.MigratedPostgres;
import org.eventscim.events.AttributeChange;
import org.eventscim.events.group.GroupCreated;
import org.eventscim.events.group.GroupDeleted;
import org.eventscim.events.group.GroupMember;
import org.eventscim.events.group.GroupMembersAdded;
import org.eventscim.events.group.GroupMembersRemoved;
import org.eventscim.events.user.UserChanged;
import org.eventscim.events.user.UserCreated;
import org.eventscim.events.user.UserDeleted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The replay folds a tenant's stored events, as the JDBC engine stores them, on a real PostgreSQL. */
class TenantReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BASE_URL = "https://scim.example.test/scim/v2";

    private static MigratedPostgres postgres;
    private static JdbcTemplate jdbc;
    private static TenantReplay replay;

    @BeforeAll
    static void start() throws Exception {
        postgres = MigratedPostgres.start();
        jdbc = new JdbcTemplate(postgres.dataSource());
        replay = new TenantReplay(postgres.dataSource(), JSON);
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void usersAndGroupsAreAsTheyWereAtTheInstantWithTheirMemberships() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        ObjectNode attributes = JSON.createObjectNode().put("userName", "ada@corp.test").put("title", "Engineer");
        store(tenant, "User", "u1", 0, T0, new UserCreated("u1", tenant, attributes));
        store(tenant, "User", "u1", 1, T0.plusSeconds(60), new UserChanged("u1",
                List.of(new AttributeChange("title", TextNode.valueOf("Engineer"), TextNode.valueOf("Lead")))));
        store(tenant, "User", "u1", 2, T0.plusSeconds(120), new UserChanged("u1",
                List.of(new AttributeChange("title", TextNode.valueOf("Lead"), TextNode.valueOf("Director")))));
        store(tenant, "Group", "g1", 0, T0.plusSeconds(10),
                new GroupCreated("g1", tenant, JSON.createObjectNode().put("displayName", "Ops")));
        store(tenant, "Group", "g1", 1, T0.plusSeconds(20), new GroupMembersAdded("g1",
                List.of(new GroupMember("u1", GroupMember.USER))));
        store(tenant, "Group", "g1", 2, T0.plusSeconds(150), new GroupMembersRemoved("g1",
                List.of(new GroupMember("u1", GroupMember.USER))));
        store("other-" + tenant, "User", "u9", 0, T0, new UserCreated("u9", "other", attributes));

        List<JsonNode> between = replay(tenant, T0.plusSeconds(90));

        assertThat(between).extracting(resource -> resource.path("id").asText()).containsExactly("g1", "u1");
        JsonNode group = between.get(0);
        assertThat(group.path("displayName").asText()).isEqualTo("Ops");
        assertThat(group.path("members").findValuesAsText("value")).containsExactly("u1");
        assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
        JsonNode user = between.get(1);
        assertThat(user.path("title").asText()).isEqualTo("Lead");
        assertThat(user.path("groups").findValuesAsText("value")).containsExactly("g1");
        assertThat(user.path("meta").path("location").asText()).isEqualTo(BASE_URL + "/Users/u1");
        assertThat(Instant.parse(user.path("meta").path("lastModified").asText())).isEqualTo(T0.plusSeconds(60));

        List<JsonNode> later = replay(tenant, T0.plusSeconds(200));
        assertThat(later.get(0).has("members")).isFalse();
        assertThat(later.get(1).path("title").asText()).isEqualTo("Director");
        assertThat(later.get(1).has("groups")).isFalse();
        assertThat(replay(tenant, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void deletedResourcesAndTheMembershipsOfADeletedGroupAreGone() throws Exception {
        String tenant = "tenant-" + UUID.randomUUID();
        store(tenant, "User", "u3", 0, T0, new UserCreated("u3", tenant, JSON.createObjectNode().put("userName", "a")));
        store(tenant, "User", "u4", 0, T0, new UserCreated("u4", tenant, JSON.createObjectNode().put("userName", "b")));
        store(tenant, "User", "u4", 1, T0.plusSeconds(30), new UserDeleted("u4"));
        store(tenant, "Group", "g2", 0, T0, new GroupCreated("g2", tenant, JSON.createObjectNode().put("displayName", "G")));
        store(tenant, "Group", "g2", 1, T0.plusSeconds(1), new GroupMembersAdded("g2",
                List.of(new GroupMember("u3", GroupMember.USER))));
        store(tenant, "Group", "g2", 2, T0.plusSeconds(40), new GroupDeleted("g2"));

        assertThat(replay(tenant, T0.plusSeconds(35))).extracting(resource -> resource.path("id").asText())
                .containsExactly("g2", "u3");
        List<JsonNode> after = replay(tenant, T0.plusSeconds(60));
        assertThat(after).extracting(resource -> resource.path("id").asText()).containsExactly("u3");
        assertThat(after.getFirst().has("groups")).isFalse();
    }

    private static List<JsonNode> replay(String tenant, Instant asOf) {
        List<JsonNode> resources = new ArrayList<>();
        replay.replay(tenant, asOf, BASE_URL, resources::add);
        return resources;
    }

    /** As the JDBC engine stores an event: JSON payload and metadata, the payload's class name, ISO time. */
    private static void store(String tenant, String type, String id, long sequence, Instant at, Object payload)
            throws Exception {
        jdbc.update("""
                INSERT INTO scim_events.domain_event_entry (event_identifier, meta_data, payload, payload_revision,
                    payload_type, time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID().toString(),
                ("{\"tenant\":\"" + tenant + "\",\"actorId\":\"token-1\"}").getBytes(StandardCharsets.UTF_8),
                JSON.writeValueAsBytes(payload), null, payload.getClass().getName(), at.toString(), id,
                sequence, type);
    }
}
