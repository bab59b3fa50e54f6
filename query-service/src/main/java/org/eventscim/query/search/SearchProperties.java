package org.eventscim.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * List requests ({@code scim.search.*} in application.yml).
 *
 * @param defaultCount page size when a request gives no {@code count}
 * @param maxCount     the largest page served, whatever {@code count} asks for
 */
@ConfigurationProperties("scim.search")
public record SearchProperties(int defaultCount, int maxCount) {
}
