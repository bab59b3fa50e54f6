package org.eventscim.command.uniqueness;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** userName claims in {@code user_name_claim}. */
@Component
public class JdbcUserNameClaims extends JdbcNameClaims implements UserNameClaims {

    public JdbcUserNameClaims(JdbcTemplate jdbc) {
        super(jdbc, "userName", "user_name_claim", "user_name_key", "user_id");
    }
}
