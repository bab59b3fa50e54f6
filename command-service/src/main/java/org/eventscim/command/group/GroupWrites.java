package org.eventscim.command.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.eventscim.command.group.patch.MemberValues;
import org.eventscim.command.resource.IfMatch;
import org.eventscim.command.resource.ResourceIds;
import org.eventscim.command.resource.ScimCommands;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.caller.Caller;
import org.springframework.stereotype.Service;

/**
 * The write use cases for groups: validate, send the command with the caller as metadata. The caller
 * then awaits the read side ({@link #awaitReadSide}): a single write at once, a bulk request once for all.
 */
@Service
public class GroupWrites {

    public static final String RESOURCE_TYPE = "Group";

    private final ScimCommands commands;
    private final MemberDeletion deletion;
    private final GroupMemberships memberships;

    GroupWrites(ScimCommands commands, MemberDeletion deletion, GroupMemberships memberships) {
        this.commands = commands;
        this.deletion = deletion;
        this.memberships = memberships;
    }

    public GroupState create(Caller caller, JsonNode body) {
        ScimCommands.requireWriteScope(caller);
        requireMemberValues(body);
        ObjectNode attributes = GroupSchema.READER.read(body).attributes();
        List<String> memberIds = takeMembers(attributes);
        return commands.send(caller, RESOURCE_TYPE,
                new CreateGroup(UUID.randomUUID().toString(), caller.tenantId(), attributes, memberIds));
    }

    public GroupState replace(Caller caller, String groupId, JsonNode body, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, groupId);
        requireMemberValues(body);
        ObjectNode attributes = GroupSchema.READER.read(body).attributes();
        List<String> memberIds = takeMembers(attributes);
        ReplaceGroup command = new ReplaceGroup(groupId, caller.tenantId(), IfMatch.parse(ifMatch), attributes, memberIds);
        return commands.sendRetryingConflicts(caller, RESOURCE_TYPE, command);
    }

    public GroupState patch(Caller caller, String groupId, JsonNode body, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, groupId);
        PatchGroup command = new PatchGroup(groupId, caller.tenantId(), IfMatch.parse(ifMatch), body);
        return commands.sendRetryingConflicts(caller, RESOURCE_TYPE, command);
    }

    /** The group then leaves every group it was in (see {@link MemberDeletion}); answers its last version. */
    public long delete(Caller caller, String groupId, String ifMatch) {
        ScimCommands.requireWriteScope(caller);
        ResourceIds.requireFindable(RESOURCE_TYPE, groupId);
        return deletion.delete(caller, RESOURCE_TYPE, groupId,
                new DeleteGroup(groupId, caller.tenantId(), IfMatch.parse(ifMatch)));
    }

    /**
     * Every member a POST or PUT names must carry its id in {@code value}: the schema reader would drop one without
     * it as an empty value, and the group would be stored without a member the client meant to add.
     */
    private static void requireMemberValues(JsonNode body) {
        if (body != null && body.isObject()) {
            body.properties().stream().filter(attribute -> attribute.getKey().equalsIgnoreCase("members"))
                    .forEach(members -> MemberValues.ids(members.getValue(), "members"));
        }
    }

    /** Read-your-writes: waits (bounded) until the read side shows this version of the group. */
    public void awaitReadSide(Caller caller, String groupId, long version, boolean appended) {
        commands.awaitReadSide(caller, RESOURCE_TYPE, groupId, version, appended);
    }

    /** The members of a group as stored now, for a write's response. */
    public List<GroupMember> members(String groupId) {
        return memberships.members(groupId);
    }

    /** Members are not attributes of the aggregate: they leave the attributes as a list of ids. */
    private static List<String> takeMembers(ObjectNode attributes) {
        return List.copyOf(MemberValues.ids(attributes.remove("members"), "members"));
    }
}
