package org.eventscim.gateway.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.eventscim.gateway.audit.CredentialActor;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.eventscim.gateway.ratelimit.RateLimitProperties;
import org.eventscim.gateway.tenant.Tenant;
import org.eventscim.gateway.tenant.Tenants;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/v1/tenants}: the operator creates tenants; every admin lists the tenants it administers. */
@RestController
@RequestMapping("/admin/v1/tenants")
class TenantsController {

    private final Tenants tenants;
    private final AuditedAdministration administration;
    private final AdminAccess access;
    private final int defaultRateLimit;

    TenantsController(Tenants tenants, AuditedAdministration administration, AdminAccess access,
                      RateLimitProperties rateLimits) {
        this.tenants = tenants;
        this.administration = administration;
        this.access = access;
        this.defaultRateLimit = rateLimits.defaultPerMinute();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Tenant create(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                  @RequestBody NewTenant request, HttpServletRequest http) {
        access.requireOperator(client);
        String id = request.checkedId();
        return administration.createTenant(id, request.checkedName(id), request.checkedRateLimit(defaultRateLimit),
                CredentialActor.of(client, http));
    }

    @GetMapping
    List<Tenant> list(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client) {
        return access.isOperator(client) ? tenants.list() : List.of(access.administered(client, client.tenantId()));
    }
}
