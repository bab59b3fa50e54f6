package org.eventscim.command.group;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eventscim.events.group.GroupMember;

/**
 * Who is in which group now. Read and written only inside the command transactions that append the
 * membership events, so it always agrees with them; it can be rebuilt from the GroupMembers* events.
 */
public interface GroupMemberships {

    /** Which of {@code memberIds} are members of the group now: id → member type. */
    Map<String, String> membersAmong(String groupId, Collection<String> memberIds);

    /** Every member of the group, ordered by id. */
    List<GroupMember> members(String groupId);

    /**
     * Which of {@code ids} are live users or groups of the tenant: id → resource type. What says so stays
     * locked until the transaction ends, so a member cannot be deleted while it is being added (its deletion
     * waits, then finds and removes the new membership).
     */
    Map<String, String> existingResources(String tenantId, Collection<String> ids);

    void add(String tenantId, String groupId, List<GroupMember> members);

    void remove(String groupId, Collection<String> memberIds);

    void removeAll(String groupId);

    /** The groups of the tenant that {@code memberId} is a direct member of. */
    List<String> groupsOf(String tenantId, String memberId);
}
