package org.eventscim.gateway.routing;

import java.util.Locale;
import java.util.Set;

/**
 * A SCIM request path as clients send it: {@code /scim/v2/...}, or {@code /scim/v2/{tenantId}/...} when the
 * client names its tenant in its base URL. The services know only the first form: {@link #servicePath()}
 * is the path without the tenant segment, {@link #base()} the client's base path with it. A first segment
 * that names a SCIM endpoint is never a tenant, which is why no tenant may take such a name.
 */
public record ScimPath(String tenantId, String servicePath) {

    static final String BASE = "/scim/v2";
    private static final Set<String> ENDPOINTS = Set.of(
            "users", "groups", "me", "bulk", "schemas", "resourcetypes", "serviceproviderconfig", ".search");

    /** {@code requestUri} starts with {@value #BASE} (the forwarder's mapping). */
    static ScimPath parse(String requestUri) {
        String rest = requestUri.substring(BASE.length());
        if (!rest.startsWith("/")) {
            return new ScimPath(null, requestUri);
        }
        int end = rest.indexOf('/', 1);
        String first = end < 0 ? rest.substring(1) : rest.substring(1, end);
        if (first.isEmpty() || isEndpointName(first)) {
            return new ScimPath(null, requestUri);
        }
        return new ScimPath(first, BASE + (end < 0 ? "" : rest.substring(end)));
    }

    /** Whether {@code segment} names a SCIM endpoint, in any letter case (services may match it so). */
    public static boolean isEndpointName(String segment) {
        return ENDPOINTS.contains(segment.toLowerCase(Locale.ROOT));
    }

    /** The base path the client used: {@value #BASE}, with the tenant segment when it gave one. */
    String base() {
        return tenantId == null ? BASE : BASE + "/" + tenantId;
    }
}
