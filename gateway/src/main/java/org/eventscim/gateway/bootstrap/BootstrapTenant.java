package org.eventscim.gateway.bootstrap;

import java.util.Set;
import org.eventscim.gateway.auth.ApiTokens;
import org.eventscim.protocol.caller.Scopes;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure a fresh installation can be used at once: the bootstrap tenant exists and has a token,
 * either the configured one or one generated now and printed once (only its hash is kept).
 */
@Component
class BootstrapTenant implements ApplicationRunner {

    /** The launcher looks for this marker in the gateway's output to show the token to the operator. */
    static final String TOKEN_MARKER = "SCIM bootstrap token: ";

    private static final Set<String> ALL_SCOPES = Set.of(Scopes.SCIM_READ, Scopes.SCIM_WRITE, Scopes.AUDIT_READ, Scopes.ADMIN);

    private final BootstrapProperties properties;
    private final ApiTokens tokens;
    private final JdbcTemplate jdbc;

    BootstrapTenant(BootstrapProperties properties, ApiTokens tokens, JdbcTemplate jdbc) {
        this.properties = properties;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.update("INSERT INTO tenant (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                properties.tenant(), properties.tenant());
        if (properties.token() != null && !properties.token().isBlank()) {
            tokens.register(properties.tenant(), "bootstrap", ALL_SCOPES, properties.token());
        } else if (!tokens.hasActiveToken(properties.tenant())) {
            String secret = tokens.issue(properties.tenant(), "bootstrap", ALL_SCOPES);
            System.out.println(TOKEN_MARKER + secret);
            System.out.flush();
        }
    }
}
