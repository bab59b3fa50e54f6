package org.eventscim.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventscim.stack.infra.Infrastructure;

/** Straight into PostgreSQL: what the event store and the claims taken beside it hold. */
final class EventStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Infrastructure infrastructure;

    EventStore(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** Every aggregate's version: its newest sequence number + 1. */
    Map<String, Long> versions() throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        query("SELECT aggregate_identifier, max(sequence_number) + 1 FROM scim_events.domain_event_entry"
                + " GROUP BY aggregate_identifier", rows -> versions.put(rows.getString(1), rows.getLong(2)));
        return versions;
    }

    /**
     * What a half-applied write would leave: an aggregate whose sequence has a gap or does not start with
     * its creation, a userName or displayName claim whose resource has no events, a member row whose
     * group has none.
     */
    List<String> inconsistencies() throws SQLException {
        List<String> found = new ArrayList<>();
        query("SELECT aggregate_identifier, min(sequence_number), max(sequence_number), count(*)"
                + " FROM scim_events.domain_event_entry GROUP BY aggregate_identifier"
                + " HAVING min(sequence_number) <> 0 OR max(sequence_number) + 1 <> count(*)",
                rows -> found.add("events of " + rows.getString(1) + " are not 0.." + rows.getLong(3)));
        query("SELECT aggregate_identifier, payload_type FROM scim_events.domain_event_entry"
                + " WHERE sequence_number = 0 AND type IN ('User', 'Group') AND payload_type NOT LIKE '%Created'",
                rows -> found.add(rows.getString(1) + " starts with " + rows.getString(2)));
        for (String claims : List.of("user_name_claim c WHERE NOT EXISTS (SELECT 1 FROM scim_events.domain_event_entry e"
                        + " WHERE e.aggregate_identifier = c.user_id)",
                "group_name_claim c WHERE NOT EXISTS (SELECT 1 FROM scim_events.domain_event_entry e"
                        + " WHERE e.aggregate_identifier = c.group_id)",
                "group_member c WHERE NOT EXISTS (SELECT 1 FROM scim_events.domain_event_entry e"
                        + " WHERE e.aggregate_identifier = c.group_id)")) {
            query("SELECT * FROM scim_events." + claims,
                    rows -> found.add("a row of " + claims.substring(0, claims.indexOf(' ')) + " without events: "
                            + rows.getString(2) + " → " + rows.getString(3)));
        }
        return found;
    }

    /** The member ids the command side holds for a group. */
    Set<String> members(String groupId) throws SQLException {
        Set<String> members = new HashSet<>();
        query("SELECT member_id FROM scim_events.group_member WHERE group_id = '" + groupId.replace("'", "''") + "'",
                rows -> members.add(rows.getString(1)));
        return members;
    }

    /** The member ids a group's stored events add up to: its additions minus its removals, in order. */
    Set<String> membersByEvents(String groupId) throws SQLException {
        Set<String> members = new HashSet<>();
        query("SELECT payload_type, convert_from(payload, 'UTF8') FROM scim_events.domain_event_entry"
                + " WHERE aggregate_identifier = '" + groupId.replace("'", "''") + "' ORDER BY sequence_number", rows -> {
                    boolean added = rows.getString(1).endsWith("GroupMembersAdded");
                    if (added || rows.getString(1).endsWith("GroupMembersRemoved")) {
                        for (JsonNode member : json(rows.getString(2)).path("members")) {
                            if (added) {
                                members.add(member.path("value").asText());
                            } else {
                                members.remove(member.path("value").asText());
                            }
                        }
                    }
                });
        return members;
    }

    private static JsonNode json(String text) throws SQLException {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new SQLException("Unreadable stored payload: " + text, e);
        }
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Row row) throws SQLException {
        try (Connection db = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.dbUser(),
                infrastructure.dbPassword());
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                row.read(rows);
            }
        }
    }
}
