package org.eventscim.protocol.caller;

import java.util.Objects;
import java.util.Set;
import org.eventscim.protocol.error.ScimException;

/**
 * Who is calling, as established by the gateway: the tenant, the authenticated actor (token id or JWT
 * subject) and its client name, its scopes, where the request came from, and the public base URL
 * ({@code http://host:port/scim/v2}) used to build {@code meta.location}. Within a /Bulk request,
 * {@code bulkOperation} is the index of the operation being performed (null otherwise); it is not part
 * of the caller token, the service sets it.
 */
public record Caller(
        String tenantId,
        String actorId,
        String actorName,
        Set<String> scopes,
        String sourceIp,
        String userAgent,
        String requestId,
        String baseUrl,
        Integer bulkOperation) {

    /** The header that carries the signed caller token from the gateway to the services. */
    public static final String HEADER = "X-Scim-Caller";

    public Caller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actorId, "actorId");
        scopes = Set.copyOf(scopes);
    }

    public Caller(String tenantId, String actorId, String actorName, Set<String> scopes, String sourceIp,
                  String userAgent, String requestId, String baseUrl) {
        this(tenantId, actorId, actorName, scopes, sourceIp, userAgent, requestId, baseUrl, null);
    }

    /** The same caller performing operation {@code index} of its bulk request. */
    public Caller inBulkOperation(int index) {
        return new Caller(tenantId, actorId, actorName, scopes, sourceIp, userAgent, requestId, baseUrl, index);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** A 403 unless the caller's token holds {@code scope}: each service checks what the gateway checked too. */
    public void requireScope(String scope) {
        if (!hasScope(scope)) {
            throw ScimException.forbidden("This token lacks the " + scope + " scope.");
        }
    }
}
