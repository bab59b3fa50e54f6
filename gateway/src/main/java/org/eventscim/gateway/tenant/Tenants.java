package org.eventscim.gateway.tenant;

import java.util.List;
import java.util.Optional;
import org.eventscim.protocol.error.ScimException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** The tenants the gateway knows, in table {@code tenant}. */
@Component
public class Tenants {

    private static final RowMapper<Tenant> TENANT = (row, index) -> new Tenant(row.getString("id"),
            row.getString("name"), row.getInt("rate_limit_per_minute"), row.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    Tenants(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a tenant; 409 {@code uniqueness} when the id is taken. */
    public Tenant create(String id, String name, int rateLimitPerMinute) {
        List<Tenant> created = jdbc.query("""
                        INSERT INTO tenant (id, name, rate_limit_per_minute) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id, name, rate_limit_per_minute, created_at""",
                TENANT, id, name, rateLimitPerMinute);
        if (created.isEmpty()) {
            throw ScimException.uniqueness("A tenant with id " + id + " exists already.");
        }
        return created.getFirst();
    }

    /** Creates the tenant if it is missing, and sets its rate limit either way. */
    public void ensure(String id, String name, int rateLimitPerMinute) {
        jdbc.update("""
                INSERT INTO tenant (id, name, rate_limit_per_minute) VALUES (?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET rate_limit_per_minute = EXCLUDED.rate_limit_per_minute""",
                id, name, rateLimitPerMinute);
    }

    public Optional<Tenant> find(String id) {
        return jdbc.query("SELECT id, name, rate_limit_per_minute, created_at FROM tenant WHERE id = ?", TENANT, id)
                .stream().findFirst();
    }

    public List<Tenant> list() {
        return jdbc.query("SELECT id, name, rate_limit_per_minute, created_at FROM tenant ORDER BY id", TENANT);
    }
}
