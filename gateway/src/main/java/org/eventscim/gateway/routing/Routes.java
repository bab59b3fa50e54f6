package org.eventscim.gateway.routing;

import org.springframework.stereotype.Component;

/**
 * Reads go to the query-service, writes to the command-service; {@code POST .search} is a read. The audit
 * API's reads (history, point in time, events, export) go to the query-service, which holds the audit read
 * model; the audit chain's verification and a tenant's replay go to the command-service, which owns the event
 * store they read.
 */
@Component
class Routes {

    /** The audit API's paths, forwarded unchanged. */
    static final String AUDIT = "/audit/v1";
    static final String AUDIT_CHAIN = AUDIT + "/chain";
    /** A tenant rebuilt at an instant from the event store, which the command-service owns. */
    static final String AUDIT_REPLAY = AUDIT + "/replay";
    /** Streamed through, never held whole: an export may be millions of lines. */
    static final String AUDIT_EXPORT = AUDIT + "/export";

    private final RouteProperties properties;

    Routes(RouteProperties properties) {
        this.properties = properties;
    }

    String serviceFor(String method, String path) {
        if (path.startsWith(AUDIT_CHAIN + "/") || path.equals(AUDIT_REPLAY)) {
            return properties.commandUrl();
        }
        return isRead(method, path) ? properties.queryUrl() : properties.commandUrl();
    }

    static boolean isRead(String method, String path) {
        return method.equals("GET") || method.equals("HEAD")
                || (method.equals("POST") && path.endsWith("/.search"));
    }
}
