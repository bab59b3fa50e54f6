package org.eventscim.gateway.admin;

import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.bootstrap.BootstrapProperties;
import org.eventscim.gateway.tenant.Tenant;
import org.eventscim.gateway.tenant.Tenants;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimException;
import org.springframework.stereotype.Component;

/**
 * Who may administer what. A token with the {@code admin} scope administers its own tenant's tokens; one of
 * the bootstrap tenant (the operator's) administers every tenant. Any other tenant is 404 to a tenant's
 * admin, exactly as a tenant that does not exist, so its existence is not revealed. Every check here first
 * refuses (403) a token without the {@code admin} scope.
 */
@Component
class AdminAccess {

    private final String operatorTenant;
    private final Tenants tenants;

    AdminAccess(BootstrapProperties bootstrap, Tenants tenants) {
        this.operatorTenant = bootstrap.tenant();
        this.tenants = tenants;
    }

    boolean isOperator(AuthenticatedClient client) {
        requireAdmin(client);
        return client.tenantId().equals(operatorTenant);
    }

    void requireOperator(AuthenticatedClient client) {
        if (!isOperator(client)) {
            throw ScimException.forbidden("Only the operator's tenant (" + operatorTenant + ") administers tenants.");
        }
    }

    /** The tenant {@code tenantId}, when the client may administer it; 404 otherwise. */
    Tenant administered(AuthenticatedClient client, String tenantId) {
        if (!isOperator(client) && !client.tenantId().equals(tenantId)) {
            throw noSuchTenant();
        }
        return tenants.find(tenantId).orElseThrow(AdminAccess::noSuchTenant);
    }

    private static void requireAdmin(AuthenticatedClient client) {
        if (!client.hasScope(Scopes.ADMIN)) {
            throw ScimException.forbidden("This token lacks the " + Scopes.ADMIN + " scope.");
        }
    }

    private static ScimException noSuchTenant() {
        return ScimException.notFound("No such tenant.");
    }
}
