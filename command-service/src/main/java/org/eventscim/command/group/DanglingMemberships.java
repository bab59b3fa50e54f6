package org.eventscim.command.group;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eventscim.command.resource.ScimCommands;
import org.eventscim.protocol.caller.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes deletions whose membership removals were interrupted (a crash between the deletion and the
 * last removal): memberships whose member no longer exists are removed as events of their groups,
 * recorded with the system as actor. Runs at start-up and then every few minutes.
 */
@Component
class DanglingMemberships {

    private static final Logger log = LoggerFactory.getLogger(DanglingMemberships.class);
    private static final int BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final ScimCommands commands;

    DanglingMemberships(JdbcTemplate jdbc, ScimCommands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    private record Dangling(String tenantId, String groupId, String memberId) {
    }

    @Scheduled(initialDelayString = "${scim.memberships.cleanup-initial-delay:10s}",
            fixedDelayString = "${scim.memberships.cleanup-interval:5m}")
    void removeDangling() {
        List<Dangling> dangling;
        do {
            dangling = jdbc.query("""
                    SELECT m.tenant_id, m.group_id, m.member_id FROM group_member m
                    WHERE (m.member_type = 'User' AND NOT EXISTS (SELECT 1 FROM user_name_claim c
                                   WHERE c.tenant_id = m.tenant_id AND c.user_id = m.member_id))
                       OR (m.member_type = 'Group' AND NOT EXISTS (SELECT 1 FROM group_name_claim c
                                   WHERE c.tenant_id = m.tenant_id AND c.group_id = m.member_id))
                    LIMIT ?""", (row, i) -> new Dangling(row.getString(1), row.getString(2), row.getString(3)), BATCH);
            for (Dangling membership : dangling) {
                log.info("Removing {} from group {} of tenant {}: its deletion was interrupted before it left the group",
                        membership.memberId(), membership.groupId(), membership.tenantId());
                commands.sendRetryingConflicts(system(membership.tenantId()), GroupWrites.RESOURCE_TYPE,
                        new RemoveDeletedMember(membership.groupId(), membership.tenantId(), membership.memberId()));
            }
        } while (dangling.size() == BATCH);
    }

    private static Caller system(String tenantId) {
        return new Caller(tenantId, "system", "membership cleanup", Set.of(), null, null,
                "cleanup-" + UUID.randomUUID(), null);
    }
}
