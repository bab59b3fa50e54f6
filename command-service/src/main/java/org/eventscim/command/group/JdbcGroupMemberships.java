package org.eventscim.command.group;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventscim.events.group.GroupMember;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The memberships in the {@code group_member} table, and the members' existence in the name claim tables.
 * The JdbcTemplate joins the transaction Axon opened for the command, the one that appends the events.
 */
@Component
class JdbcGroupMemberships implements GroupMemberships {

    private final JdbcTemplate jdbc;

    JdbcGroupMemberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> membersAmong(String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        return typesById(jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT member_id, member_type FROM group_member WHERE group_id = ? AND member_id = ANY(?)");
            statement.setString(1, groupId);
            statement.setArray(2, textArray(statement, memberIds));
            return statement;
        }, (row, i) -> new GroupMember(row.getString(1), row.getString(2))));
    }

    @Override
    public List<GroupMember> members(String groupId) {
        return jdbc.query("SELECT member_id, member_type FROM group_member WHERE group_id = ? ORDER BY member_id",
                (row, i) -> new GroupMember(row.getString(1), row.getString(2)), groupId);
    }

    @Override
    public Map<String, String> existingResources(String tenantId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        found.putAll(lockedOwners(tenantId, ids, "user_name_claim", "user_id", GroupMember.USER));
        found.putAll(lockedOwners(tenantId, ids, "group_name_claim", "group_id", GroupMember.GROUP));
        return found;
    }

    @Override
    public void add(String tenantId, String groupId, List<GroupMember> members) {
        if (members.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO group_member (tenant_id, group_id, member_id, member_type)
                    SELECT ?, ?, id, type FROM unnest(?::text[], ?::text[]) AS m(id, type)""");
            statement.setString(1, tenantId);
            statement.setString(2, groupId);
            statement.setArray(3, textArray(statement, members.stream().map(GroupMember::value).toList()));
            statement.setArray(4, textArray(statement, members.stream().map(GroupMember::type).toList()));
            return statement;
        });
    }

    @Override
    public void remove(String groupId, Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM group_member WHERE group_id = ? AND member_id = ANY(?)");
            statement.setString(1, groupId);
            statement.setArray(2, textArray(statement, memberIds));
            return statement;
        });
    }

    @Override
    public void removeAll(String groupId) {
        jdbc.update("DELETE FROM group_member WHERE group_id = ?", groupId);
    }

    @Override
    public List<String> groupsOf(String tenantId, String memberId) {
        return jdbc.queryForList("SELECT group_id FROM group_member WHERE tenant_id = ? AND member_id = ? ORDER BY group_id",
                String.class, tenantId, memberId);
    }

    private Map<String, String> lockedOwners(String tenantId, Collection<String> ids, String table, String ownerColumn,
                                             String type) {
        List<String> owners = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + ownerColumn + " FROM " + table
                    + " WHERE tenant_id = ? AND " + ownerColumn + " = ANY(?) FOR SHARE");
            statement.setString(1, tenantId);
            statement.setArray(2, textArray(statement, ids));
            return statement;
        }, (row, i) -> row.getString(1));
        Map<String, String> found = new LinkedHashMap<>();
        owners.forEach(owner -> found.put(owner, type));
        return found;
    }

    private static Map<String, String> typesById(List<GroupMember> members) {
        Map<String, String> types = new LinkedHashMap<>();
        members.forEach(member -> types.put(member.value(), member.type()));
        return types;
    }

    private static Array textArray(PreparedStatement statement, Collection<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }
}
