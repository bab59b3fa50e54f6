package org.eventscim.gateway.bootstrap;

import org.eventscim.gateway.auth.ApiTokens;
import org.eventscim.gateway.tenant.Tenants;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure a fresh installation can be used at once: the bootstrap tenant exists with its configured rate
 * limit and has a token with every scope, either the configured one or one generated now and printed once
 * (only its hash is kept).
 */
@Component
class BootstrapTenant implements ApplicationRunner {

    /** The launcher looks for this marker in the gateway's output to show the token to the operator. */
    static final String TOKEN_MARKER = "SCIM bootstrap token: ";

    private final BootstrapProperties properties;
    private final ApiTokens tokens;
    private final Tenants tenants;

    BootstrapTenant(BootstrapProperties properties, ApiTokens tokens, Tenants tenants) {
        this.properties = properties;
        this.tokens = tokens;
        this.tenants = tenants;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        tenants.ensure(properties.tenant(), properties.tenant(), properties.rateLimitPerMinute());
        if (properties.token() != null && !properties.token().isBlank()) {
            tokens.register(properties.tenant(), "bootstrap", ApiTokens.SCOPES, properties.token());
        } else if (!tokens.hasActiveToken(properties.tenant())) {
            String secret = tokens.issue(properties.tenant(), "bootstrap", ApiTokens.SCOPES).secret();
            System.out.println(TOKEN_MARKER + secret);
            System.out.flush();
        }
    }
}
