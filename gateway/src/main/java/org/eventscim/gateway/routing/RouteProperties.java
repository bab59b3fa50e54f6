package org.eventscim.gateway.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code scim.routes.*}: where the services listen (see application.yml). */
@ConfigurationProperties("scim.routes")
public record RouteProperties(String commandUrl, String queryUrl, Duration timeout) {
}
