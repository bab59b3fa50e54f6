package org.eventscim.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the servers of a stack started by {@code ./scim up} listen: {@code $SCIM_DATA_DIR/run/stack.properties},
 * which the stack writes at every start (its ports are picked then).
 */
final class StackInfo {

    private final Properties endpoints;

    private StackInfo(Properties endpoints) {
        this.endpoints = endpoints;
    }

    static StackInfo read() throws IOException {
        Path file = Path.of(System.getenv().getOrDefault("SCIM_DATA_DIR", ".scim-data"), "run", "stack.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException("No " + file + ": start the stack with ./scim up, with the same SCIM_DATA_DIR");
        }
        Properties endpoints = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            endpoints.load(reader);
        }
        return new StackInfo(endpoints);
    }

    String get(String key) {
        String value = endpoints.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("stack.properties has no " + key);
        }
        return value;
    }
}
