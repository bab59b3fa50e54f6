package org.eventscim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the running stack's Elasticsearch listens: {@code ./scim up} picks a free port at every start and
 * records the server's pid in {@code $SCIM_DATA_DIR/run/elasticsearch.pid}; its command line holds
 * {@code http.port=}. Only the filters benchmark needs it, to load users directly into the read model.
 */
final class ElasticsearchLocator {

    private ElasticsearchLocator() {
    }

    static String url(String given) throws IOException {
        if (given != null) {
            return given;
        }
        String dataDirectory = System.getenv().getOrDefault("SCIM_DATA_DIR", ".scim-data");
        Path pidFile = Path.of(dataDirectory, "run", "elasticsearch.pid");
        if (!Files.exists(pidFile)) {
            throw new IllegalStateException("No " + pidFile + ": start the stack with ./scim up (same SCIM_DATA_DIR),"
                    + " or pass --elasticsearch http://127.0.0.1:PORT");
        }
        // One line per process of the server ("<pid> <start time>"): the launcher has the -E arguments.
        for (String line : Files.readAllLines(pidFile)) {
            Path commandLine = Path.of("/proc", line.trim().split("\\s+")[0], "cmdline");
            if (line.isBlank() || !Files.exists(commandLine)) {
                continue;
            }
            for (String argument : new String(Files.readAllBytes(commandLine), StandardCharsets.UTF_8).split("\0")) {
                if (argument.startsWith("http.port=")) {
                    return "http://127.0.0.1:" + argument.substring("http.port=".length());
                }
            }
        }
        throw new IllegalStateException("No process in " + pidFile + " has http.port=; pass --elasticsearch http://127.0.0.1:PORT");
    }
}
