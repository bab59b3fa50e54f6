package org.eventscim.command.group;

import org.eventscim.command.resource.ScimCommands;
import org.eventscim.protocol.caller.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a user or group together with its memberships: the deletion and one removal event on every group
 * it was a direct member of are a single transaction, so no membership outlives its member. A group
 * changed concurrently makes the whole transaction run again.
 */
@Service
public class MemberDeletion {

    private final ScimCommands commands;
    private final GroupMemberships memberships;
    private final TransactionTemplate transaction;

    MemberDeletion(ScimCommands commands, GroupMemberships memberships, TransactionTemplate transaction) {
        this.commands = commands;
        this.memberships = memberships;
        this.transaction = transaction;
    }

    /** Sends {@code deleteCommand} (answering the deleted resource's last version) and the removals; returns that version. */
    public long delete(Caller caller, String resourceType, String id, Object deleteCommand) {
        return commands.retryingConflicts(() -> transaction.execute(status -> {
            long version = commands.<Long>send(caller, resourceType, deleteCommand);
            for (String groupId : memberships.groupsOf(caller.tenantId(), id)) {
                commands.send(caller, GroupWrites.RESOURCE_TYPE, new RemoveDeletedMember(groupId, caller.tenantId(), id));
            }
            return version;
        }));
    }
}
