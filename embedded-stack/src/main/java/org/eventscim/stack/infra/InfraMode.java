package org.eventscim.stack.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the infrastructure runs: real servers as local processes, Testcontainers, or containers iff Docker answers. */
public enum InfraMode {
    LOCAL,
    CONTAINERS,
    AUTO;

    /** System property {@code scim.infra}, else environment variable {@code SCIM_INFRA}, else {@link #AUTO}. */
    public static InfraMode fromEnvironment() {
        String value = System.getProperty("scim.infra", System.getenv("SCIM_INFRA"));
        return value == null || value.isBlank() ? AUTO : parse(value);
    }

    public static InfraMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown infrastructure mode '" + value + "'; use one of "
                    + Arrays.stream(values()).map(mode -> mode.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")), e);
        }
    }
}
