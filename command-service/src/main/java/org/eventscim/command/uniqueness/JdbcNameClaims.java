package org.eventscim.command.uniqueness;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Claims in a {@code (tenant_id, <key>, <owner>)} table whose primary key is {@code (tenant_id, <key>)}.
 * The JdbcTemplate joins the Spring transaction Axon opened for the command, the same one that appends
 * the events.
 */
abstract class JdbcNameClaims implements NameClaims {

    private final JdbcTemplate jdbc;
    private final String attribute;
    private final String insert;
    private final String holders;
    private final String release;

    JdbcNameClaims(JdbcTemplate jdbc, String attribute, String table, String keyColumn, String ownerColumn) {
        this.jdbc = jdbc;
        this.attribute = attribute;
        // ON CONFLICT keeps the transaction usable; a conflicting row from a concurrent claimant waits for
        // that transaction and then counts as taken.
        this.insert = "INSERT INTO " + table + " (tenant_id, " + keyColumn + ", " + ownerColumn + ") VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_id, " + keyColumn + ") DO NOTHING";
        this.holders = "SELECT " + ownerColumn + " FROM " + table + " WHERE tenant_id = ? AND " + keyColumn + " = ?";
        this.release = "DELETE FROM " + table + " WHERE tenant_id = ? AND " + ownerColumn + " = ?";
    }

    @Override
    public void claim(String tenantId, String name, String ownerId) {
        if (jdbc.update(insert, tenantId, NameClaims.key(name), ownerId) == 0) {
            List<String> owners = jdbc.queryForList(holders, String.class, tenantId, NameClaims.key(name));
            if (!owners.contains(ownerId)) {
                throw new NameTakenException(attribute, name);
            }
        }
    }

    @Override
    public void releaseAll(String tenantId, String ownerId) {
        jdbc.update(release, tenantId, ownerId);
    }
}
