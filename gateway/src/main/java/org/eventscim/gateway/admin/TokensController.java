package org.eventscim.gateway.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.eventscim.gateway.audit.CredentialActor;
import org.eventscim.gateway.auth.ApiTokens;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.eventscim.gateway.auth.IssuedToken;
import org.eventscim.gateway.auth.TokenSummary;
import org.eventscim.protocol.error.ScimException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/v1/tenants/{tenantId}/tokens}: issues a token (its secret is in that answer only), lists
 * tokens without secrets, revokes one; refused from the next request on, as tokens are not cached.
 */
@RestController
@RequestMapping("/admin/v1/tenants/{tenantId}/tokens")
class TokensController {

    private final ApiTokens tokens;
    private final AuditedAdministration administration;
    private final AdminAccess access;

    TokensController(ApiTokens tokens, AuditedAdministration administration, AdminAccess access) {
        this.tokens = tokens;
        this.administration = administration;
        this.access = access;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedToken issue(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                      @PathVariable String tenantId, @RequestBody NewToken request, HttpServletRequest http) {
        access.administered(client, tenantId);
        return administration.issueToken(tenantId, request.checkedName(), request.checkedScopes(),
                CredentialActor.of(client, http));
    }

    @GetMapping
    List<TokenSummary> list(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                            @PathVariable String tenantId) {
        access.administered(client, tenantId);
        return tokens.list(tenantId);
    }

    @DeleteMapping("/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                @PathVariable String tenantId, @PathVariable String tokenId, HttpServletRequest http) {
        access.administered(client, tenantId);
        if (!administration.revokeToken(tenantId, tokenId, CredentialActor.of(client, http))) {
            throw ScimException.notFound("No such token.");
        }
    }
}
