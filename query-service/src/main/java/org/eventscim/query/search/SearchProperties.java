package org.eventscim.query.search;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * List requests ({@code scim.search.*} in application.yml).
 *
 * @param defaultCount  page size when a request gives no {@code count}
 * @param maxCount      the largest page served, whatever {@code count} asks for
 * @param cursorTimeout how long a cursor stays usable after the page that issued it (RFC 9865 {@code cursorTimeout})
 */
@ConfigurationProperties("scim.search")
public record SearchProperties(int defaultCount, int maxCount, Duration cursorTimeout) {
}
