package org.eventscim.command.uniqueness;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims in the {@code user_name_claim} table. The JdbcTemplate joins the Spring transaction Axon opened
 * for the command, the same one that appends the events.
 */
@Component
public class JdbcUserNameClaims implements UserNameClaims {

    private final JdbcTemplate jdbc;

    public JdbcUserNameClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(String tenantId, String userName, String userId) {
        // ON CONFLICT keeps the transaction usable; a conflicting row from a concurrent creator waits for
        // that transaction and then counts as taken.
        int inserted = jdbc.update("""
                INSERT INTO user_name_claim (tenant_id, user_name_key, user_id) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id, user_name_key) DO NOTHING""",
                tenantId, UserNameClaims.key(userName), userId);
        if (inserted == 0) {
            List<String> holders = jdbc.queryForList(
                    "SELECT user_id FROM user_name_claim WHERE tenant_id = ? AND user_name_key = ?",
                    String.class, tenantId, UserNameClaims.key(userName));
            if (!holders.contains(userId)) {
                throw new UserNameTakenException(userName);
            }
        }
    }

    @Override
    public void releaseAll(String tenantId, String userId) {
        jdbc.update("DELETE FROM user_name_claim WHERE tenant_id = ? AND user_id = ?", tenantId, userId);
    }
}
