package org.eventscim.command.group;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eventscim.command.resource.ScimCommands;
import org.eventscim.protocol.caller.Caller;
import org.springframework.stereotype.Service;

/**
 * Deletes a user or group, then removes it from every group it was a direct member of, one command (and
 * one transaction) per group, each recorded as that group's event. One transaction per aggregate keeps
 * the publisher's order right: a transaction that appended to one aggregate and then loaded another
 * could append to it with an older transaction id than a change committed in between. The member is
 * gone before the removals start, so no one can add it again meanwhile; if the removals are interrupted,
 * {@link DanglingMemberships} finishes them.
 */
@Service
public class MemberDeletion {

    private final ScimCommands commands;
    private final GroupMemberships memberships;

    MemberDeletion(ScimCommands commands, GroupMemberships memberships) {
        this.commands = commands;
        this.memberships = memberships;
    }

    /**
     * Sends {@code deleteCommand} (answering the deleted resource's last version), then the removals, and
     * waits until the read side shows each; returns the deleted resource's last version.
     */
    public long delete(Caller caller, String resourceType, String id, Object deleteCommand) {
        long version = commands.<Long>sendRetryingConflicts(caller, resourceType, deleteCommand);
        Map<String, Long> groupVersions = new LinkedHashMap<>();
        for (String groupId : memberships.groupsOf(caller.tenantId(), id)) {
            groupVersions.put(groupId, commands.<Long>sendRetryingConflicts(caller, GroupWrites.RESOURCE_TYPE,
                    new RemoveDeletedMember(groupId, caller.tenantId(), id)));
        }
        // Awaited after all are sent: the read side applies them in batches while the rest are still written.
        groupVersions.forEach((groupId, groupVersion) ->
                commands.awaitReadSide(caller, GroupWrites.RESOURCE_TYPE, groupId, groupVersion, true));
        return version;
    }
}
