package org.eventscim.query.membership;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventscim.events.group.GroupMember;
import org.eventscim.protocol.resource.ScimResources;
import org.eventscim.query.index.MembershipDocument;
import org.eventscim.query.search.TenantScopedSearch;
import org.springframework.stereotype.Component;

/**
 * Renders memberships as the multi-valued references SCIM returns: {@code Group.members} and
 * {@code User.groups} (RFC 7643 §4.2, §4.1.2). One memberships query and one multi-get of display names
 * serve a whole page of resources, however many members they have.
 */
@Component
public class MembershipReferences {

    /** {@code User.groups.type} of a membership held by the user itself, not through a nested group. */
    private static final String DIRECT = "direct";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TenantScopedSearch search;

    MembershipReferences(TenantScopedSearch search) {
        this.search = search;
    }

    /**
     * {@code members} of each of the tenant's groups with these ids that has any, ordered by member id.
     *
     * @param withDisplay whether to look up {@code display}: the member's displayName, or a user's userName
     */
    public Map<String, ArrayNode> members(String tenant, Collection<String> groupIds, boolean withDisplay,
                                          String baseUrl) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        return membersFrom(tenant, search.membersOf(tenant, groupIds), withDisplay, baseUrl);
    }

    /**
     * These memberships as {@code members}, by group id, in their order: the memberships of the read model,
     * or those a group had at an earlier instant (named as they are named now).
     */
    public Map<String, ArrayNode> membersFrom(String tenant, List<MembershipDocument> memberships, boolean withDisplay,
                                          String baseUrl) {
        Map<String, String> userNames = withDisplay ? search.userDisplayNames(tenant, memberIds(memberships, true)) : Map.of();
        Map<String, String> groupNames = withDisplay ? search.groupDisplayNames(tenant, memberIds(memberships, false)) : Map.of();
        Map<String, ArrayNode> members = new HashMap<>();
        for (MembershipDocument membership : memberships) {
            boolean group = GroupMember.GROUP.equals(membership.memberType());
            ObjectNode member = members.computeIfAbsent(membership.groupId(), id -> JSON.arrayNode()).addObject();
            member.put("value", membership.memberId());
            member.put("$ref", ScimResources.location(membership.memberType(), membership.memberId(), baseUrl));
            String display = (group ? groupNames : userNames).get(membership.memberId());
            if (display != null) {
                member.put("display", display);
            }
            member.put("type", group ? GroupMember.GROUP : GroupMember.USER);
        }
        return members;
    }

    /** {@code groups} of each of the tenant's users with these ids that is in any, ordered by group id. */
    public Map<String, ArrayNode> groups(String tenant, Collection<String> userIds, String baseUrl) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return groupsFrom(tenant, search.groupsOf(tenant, userIds), baseUrl);
    }

    /**
     * These memberships as {@code groups}, by user id, in their order: the memberships of the read model, or
     * those a user had at an earlier instant (named as the groups are named now).
     */
    public Map<String, ArrayNode> groupsFrom(String tenant, List<MembershipDocument> memberships, String baseUrl) {
        Map<String, String> groupNames = search.groupDisplayNames(tenant,
                memberships.stream().map(MembershipDocument::groupId).toList());
        Map<String, ArrayNode> groups = new HashMap<>();
        for (MembershipDocument membership : memberships) {
            ObjectNode group = groups.computeIfAbsent(membership.memberId(), id -> JSON.arrayNode()).addObject();
            group.put("value", membership.groupId());
            group.put("$ref", ScimResources.location(GroupMember.GROUP, membership.groupId(), baseUrl));
            String display = groupNames.get(membership.groupId());
            if (display != null) {
                group.put("display", display);
            }
            group.put("type", DIRECT);
        }
        return groups;
    }

    private static List<String> memberIds(List<MembershipDocument> memberships, boolean users) {
        return memberships.stream()
                .filter(membership -> GroupMember.GROUP.equals(membership.memberType()) != users)
                .map(MembershipDocument::memberId)
                .toList();
    }
}
