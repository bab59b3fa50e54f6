package org.eventscim.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.eventscim.command.group.GroupMemberships;
import org.eventscim.command.group.MemberDeletion;
import org.eventscim.command.password.PasswordHashes;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.ResourceIds;
import org.eventscim.command.resource.ScimCommands;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.schema.ReadResource;
import org.springframework.stereotype.Service;

/**
 * The write use cases for users: validate, send the command with the caller as metadata. The caller
 * then awaits the read side ({@link #awaitReadSide}): a single write at once, a bulk request once for all.
 */
@Service
public class UserWrites {

    static final String RESOURCE_TYPE = "User";

    private final ScimCommands commands;
    private final MemberDeletion deletion;
    private final GroupMemberships memberships;

    UserWrites(ScimCommands commands, MemberDeletion deletion, GroupMemberships memberships) {
        this.commands = commands;
        this.deletion = deletion;
        this.memberships = memberships;
    }

    public UserState create(Caller caller, JsonNode body) {
        ScimCommands.requireWriteScope(caller);
        ReadResource user = UserSchema.READER.read(body);
        ObjectNode attributes = user.attributes();
        String userId = UUID.randomUUID().toString();
        return commands.send(caller, RESOURCE_TYPE, new CreateUser(userId, caller.tenantId(),
                attributes.get("userName").asText(), attributes, user.password().map(PasswordHashes::hash).orElse(null)));
    }

    public UserState replace(Caller caller, String userId, JsonNode body, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, userId);
        ReadResource user = UserSchema.READER.read(body);
        ReplaceUser command = new ReplaceUser(userId, caller.tenantId(), IfMatch.parse(ifMatch),
                user.attributes(), user.password().orElse(null));
        return commands.sendRetryingConflicts(caller, RESOURCE_TYPE, command);
    }

    public UserState patch(Caller caller, String userId, JsonNode body, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, userId);
        PatchUser command = new PatchUser(userId, caller.tenantId(), IfMatch.parse(ifMatch), body);
        return commands.sendRetryingConflicts(caller, RESOURCE_TYPE, command);
    }

    /** The user then leaves every group it was in (see {@link MemberDeletion}); answers its last version. */
    public long delete(Caller caller, String userId, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, userId);
        return deletion.delete(caller, RESOURCE_TYPE, userId,
                new DeleteUser(userId, caller.tenantId(), IfMatch.parse(ifMatch)));
    }

    /** Whether the user is a direct member of a group now, so that its resource has {@code groups}. */
    public boolean isInAnyGroup(Caller caller, String userId) {
        return !memberships.groupsOf(caller.tenantId(), userId).isEmpty();
    }

    /** Read-your-writes: waits (bounded) until the read side shows this version of the user. */
    public void awaitReadSide(Caller caller, String userId, long version, boolean appended) {
        commands.awaitReadSide(caller, RESOURCE_TYPE, userId, version, appended);
    }
}
