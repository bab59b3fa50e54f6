package org.eventscim.stack.service;

import java.nio.file.Path;
import java.util.Map;

/**
 * What to run as a {@link ServiceProcess}: {@code name} names its log and pid files, {@code environment}
 * is its whole configuration, {@code marker} (nullable) is the text of the output line to keep.
 */
public record ServiceLaunch(String name, Path jar, int port, Map<String, String> environment, String marker) {

    public ServiceLaunch {
        environment = Map.copyOf(environment);
    }
}
