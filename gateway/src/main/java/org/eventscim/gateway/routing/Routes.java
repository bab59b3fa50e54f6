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
        boolean read = method.equals("GET") || method.equals("HEAD")
                || (method.equals("POST") && path.endsWith("/.search"));
        return read ? properties.queryUrl() : properties.commandUrl();
    }
}
