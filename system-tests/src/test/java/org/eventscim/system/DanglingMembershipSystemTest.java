package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eventscim.stack.infra.Infrastructure;
import org.junit.jupiter.api.Test;

/**
 * A deletion interrupted before its member left every group (a crash between the deletion and the
 * removals) is finished by the command-service itself, as events with the system as actor.
 */
class DanglingMembershipSystemTest {

    @Test
    void aMembershipWhoseMemberIsGoneIsRemovedAsAnEventOfTheGroup() throws Exception {
        ScimClient scim = TestStacks.client();
        String user = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dangling-%s@example.com"}"""
                .formatted(UUID.randomUUID())).body().path("id").asText();
        String group = scim.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Dangling %s",
                 "members":[{"value":"%s"}]}""".formatted(UUID.randomUUID(), user)).body().path("id").asText();

        // What a committed user deletion leaves when the process dies before the removals: no userName claim.
        Infrastructure infrastructure = TestStacks.shared().infrastructure();
        try (Connection db = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.dbUser(),
                infrastructure.dbPassword());
             PreparedStatement release = db.prepareStatement("DELETE FROM scim_events.user_name_claim WHERE user_id = ?")) {
            release.setString(1, user);
            assertThat(release.executeUpdate()).isEqualTo(1);
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!StoredEvents.types(group).getLast().equals("GroupMembersRemoved") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        List<String> types = StoredEvents.types(group);
        assertThat(types).containsExactly("GroupCreated", "GroupMembersAdded", "GroupMembersRemoved");
        assertThat(StoredEvents.payloads(group).getLast()).contains(user);
        assertThat(StoredEvents.lastMetadata(group)).contains("\"actorId\":\"system\"");
        Instant readable = Instant.now().plusSeconds(10);
        while (scim.get("/Groups/" + group).body().has("members") && Instant.now().isBefore(readable)) {
            Thread.sleep(100);
        }
        assertThat(scim.get("/Groups/" + group).body().has("members")).isFalse();
    }
}
