package org.eventscim.gateway.admin;

import java.util.UUID;
import java.util.regex.Pattern;
import org.eventscim.gateway.routing.ScimPath;
import org.eventscim.protocol.error.ScimException;

/**
 * The body of {@code POST /admin/v1/tenants}; every field may be left out. The id becomes a path segment
 * ({@code /scim/v2/{id}/Users}), so it is URL-safe and never the name of a SCIM endpoint.
 */
record NewTenant(String id, String name, Integer rateLimitPerMinute) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_NAME_LENGTH = 255;

    /** The id to create: the one given, checked, or a new UUID. */
    String checkedId() {
        if (id == null) {
            return UUID.randomUUID().toString();
        }
        if (!ID.matcher(id).matches() || ScimPath.isEndpointName(id)) {
            throw ScimException.invalidValue("A tenant id is 1 to 64 letters, digits, '.', '_' or '-', starts with a"
                    + " letter or digit, and is not the name of a SCIM endpoint.");
        }
        return id;
    }

    /** The name to create: the one given, checked, or else the id. */
    String checkedName(String tenantId) {
        if (name == null || name.isBlank()) {
            return tenantId;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("A tenant name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        return name;
    }

    /** The requests per minute to allow: the one given, checked, or else {@code fallback}. */
    int checkedRateLimit(int fallback) {
        if (rateLimitPerMinute == null) {
            return fallback;
        }
        if (rateLimitPerMinute < 1) {
            throw ScimException.invalidValue("rateLimitPerMinute must be at least 1.");
        }
        return rateLimitPerMinute;
    }
}
