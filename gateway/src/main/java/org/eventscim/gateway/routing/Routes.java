package org.eventscim.gateway.routing;

import org.springframework.stereotype.Component;

/** Reads go to the query-service, writes to the command-service; {@code POST .search} is a read. */
@Component
class Routes {

    private final RouteProperties properties;

    Routes(RouteProperties properties) {
        this.properties = properties;
    }

    String serviceFor(String method, String path) {
        return isRead(method, path) ? properties.queryUrl() : properties.commandUrl();
    }

    static boolean isRead(String method, String path) {
        return method.equals("GET") || method.equals("HEAD")
                || (method.equals("POST") && path.endsWith("/.search"));
    }
}
