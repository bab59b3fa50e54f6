package org.eventscim.command.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventscim.events.group.GroupMember;

/** The membership rules without a database, for aggregate tests; the JDBC table is exercised by the system tests. */
class InMemoryGroupMemberships implements GroupMemberships {

    private final Map<String, TreeMap<String, String>> members = new HashMap<>();
    private final Map<String, String> resources = new HashMap<>();

    /** A live resource of the tenant that may become a member. */
    InMemoryGroupMemberships exists(String tenantId, String id, String type) {
        resources.put(tenantId + "/" + id, type);
        return this;
    }

    @Override
    public Map<String, String> membersAmong(String groupId, Collection<String> memberIds) {
        Map<String, String> found = new HashMap<>();
        group(groupId).forEach((id, type) -> {
            if (memberIds.contains(id)) {
                found.put(id, type);
            }
        });
        return found;
    }

    @Override
    public List<GroupMember> members(String groupId) {
        return group(groupId).entrySet().stream().map(e -> new GroupMember(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Map<String, String> existingResources(String tenantId, Collection<String> ids) {
        Map<String, String> found = new HashMap<>();
        ids.forEach(id -> {
            String type = resources.get(tenantId + "/" + id);
            if (type != null) {
                found.put(id, type);
            }
        });
        return found;
    }

    @Override
    public void add(String tenantId, String groupId, List<GroupMember> added) {
        added.forEach(member -> group(groupId).put(member.value(), member.type()));
    }

    @Override
    public void remove(String groupId, Collection<String> memberIds) {
        group(groupId).keySet().removeAll(memberIds);
    }

    @Override
    public void removeAll(String groupId) {
        members.remove(groupId);
    }

    @Override
    public List<String> groupsOf(String tenantId, String memberId) {
        return members.entrySet().stream().filter(e -> e.getValue().containsKey(memberId)).map(Map.Entry::getKey).sorted().toList();
    }

    private TreeMap<String, String> group(String groupId) {
        return members.computeIfAbsent(groupId, id -> new TreeMap<>());
    }
}
