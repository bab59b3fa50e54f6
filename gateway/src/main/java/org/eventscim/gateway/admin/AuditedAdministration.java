package org.eventscim.gateway.admin;

import java.util.Collection;
import org.eventscim.events.credential.TenantCreated;
import org.eventscim.events.credential.TokenIssued;
import org.eventscim.events.credential.TokenRevoked;
import org.eventscim.gateway.audit.CredentialActor;
import org.eventscim.gateway.audit.CredentialAudit;
import org.eventscim.gateway.auth.ApiTokens;
import org.eventscim.gateway.auth.IssuedToken;
import org.eventscim.gateway.tenant.Tenant;
import org.eventscim.gateway.tenant.Tenants;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each administrative change and its credential event, in one transaction: neither exists without the other. */
@Service
class AuditedAdministration {

    private final Tenants tenants;
    private final ApiTokens tokens;
    private final CredentialAudit audit;

    AuditedAdministration(Tenants tenants, ApiTokens tokens, CredentialAudit audit) {
        this.tenants = tenants;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public Tenant createTenant(String id, String name, int rateLimitPerMinute, CredentialActor actor) {
        Tenant tenant = tenants.create(id, name, rateLimitPerMinute);
        audit.record(tenant.id(), new TenantCreated(tenant.id(), tenant.name(), tenant.rateLimitPerMinute()), actor);
        return tenant;
    }

    @Transactional
    public IssuedToken issueToken(String tenantId, String name, Collection<String> scopes, CredentialActor actor) {
        IssuedToken issued = tokens.issue(tenantId, name, scopes);
        audit.record(tenantId, new TokenIssued(issued.id(), issued.name(), issued.scopes()), actor);
        return issued;
    }

    /** False when the tenant has no such token; revoking a revoked token again records nothing new. */
    @Transactional
    public boolean revokeToken(String tenantId, String tokenId, CredentialActor actor) {
        return switch (tokens.revoke(tenantId, tokenId)) {
            case NOT_FOUND -> false;
            case ALREADY_REVOKED -> true;
            case REVOKED -> {
                audit.record(tenantId, new TokenRevoked(tokenId), actor);
                yield true;
            }
        };
    }
}
