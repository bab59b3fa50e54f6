package org.eventscim.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eventscim.stack.infra.Infrastructure;

/** Looks straight into the event store, to check what a request did or did not append. */
final class StoredEvents {

    private StoredEvents() {
    }

    /**
     * How many user and group events the store holds. Credential events (a tenant or token made by a test's
     * set-up) reach the store through the gateway's relay a moment later, so they are left out of counts
     * meant to show that a request changed nothing.
     */
    static long count() throws SQLException {
        try (Connection db = database();
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT count(*) FROM scim_events.domain_event_entry WHERE type IN ('User', 'Group')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many snapshots of an aggregate the store holds. */
    static long snapshots(String resourceId) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT count(*) FROM scim_events.snapshot_event_entry WHERE aggregate_identifier = ?")) {
            query.setString(1, resourceId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The simple names of a resource's event types, oldest first. */
    static List<String> types(String resourceId) throws SQLException {
        List<String> types = new ArrayList<>();
        for (String type : column(resourceId, "payload_type")) {
            types.add(type.substring(type.lastIndexOf('.') + 1));
        }
        return types;
    }

    /** A resource's stored event payloads as JSON text, oldest first. */
    static List<String> payloads(String resourceId) throws SQLException {
        return column(resourceId, "convert_from(payload, 'UTF8')");
    }

    static String firstMetadata(String resourceId) throws SQLException {
        return column(resourceId, "convert_from(meta_data, 'UTF8')").getFirst();
    }

    static String lastMetadata(String resourceId) throws SQLException {
        return column(resourceId, "convert_from(meta_data, 'UTF8')").getLast();
    }

    /** How many events of these resources lie beyond the position publication was saved as having reached. */
    static long beyondSavedPublication(List<String> resourceIds) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("""
                     SELECT count(*) FROM scim_events.domain_event_entry e, scim_events.publication_position p
                     WHERE e.aggregate_identifier = ANY (?) AND (e.tx_id, e.global_index) > (p.tx_id, p.global_index)""")) {
            query.setArray(1, db.createArrayOf("varchar", resourceIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> column(String resourceId, String expression) throws SQLException {
        try (Connection db = database();
             PreparedStatement query = db.prepareStatement("SELECT " + expression
                     + " FROM scim_events.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            query.setString(1, resourceId);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    static Connection database() throws SQLException {
        Infrastructure infrastructure = TestStacks.shared().infrastructure();
        return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.dbUser(), infrastructure.dbPassword());
    }
}
