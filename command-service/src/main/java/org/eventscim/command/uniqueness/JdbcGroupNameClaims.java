package org.eventscim.command.uniqueness;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Group displayName claims in {@code group_name_claim}. */
@Component
public class JdbcGroupNameClaims extends JdbcNameClaims implements GroupNameClaims {

    public JdbcGroupNameClaims(JdbcTemplate jdbc) {
        super(jdbc, "displayName", "group_name_claim", "name_key", "group_id");
    }
}
