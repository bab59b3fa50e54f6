package org.eventscim.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * {@code $SCIM_DATA_DIR/run/stack.properties}: where the running stack's servers listen (the ports are
 * picked at every start), for the operator's tools: the benchmarks read PostgreSQL and Elasticsearch
 * from it. Readable by its owner only, since it holds the database password; rewritten at every start.
 */
final class StackEndpoints {

    private StackEndpoints() {
    }

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve("run").resolve("stack.properties");
    }

    static void write(Path dataDirectory, ScimStack stack) {
        Properties endpoints = new Properties();
        endpoints.setProperty("scim.url", stack.scimBaseUrl());
        endpoints.setProperty("jdbc.url", stack.infrastructure().jdbcUrl());
        endpoints.setProperty("jdbc.user", stack.infrastructure().dbUser());
        endpoints.setProperty("jdbc.password", stack.infrastructure().dbPassword());
        endpoints.setProperty("kafka.bootstrap", stack.infrastructure().kafkaBootstrap());
        endpoints.setProperty("elasticsearch.url", stack.infrastructure().elasticsearchUrl());
        for (String service : new String[] {"gateway", "command-service", "query-service"}) {
            endpoints.setProperty(service + ".url", stack.serviceUrl(service));
        }
        Path file = file(dataDirectory);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                endpoints.store(writer, "Where this SCIM stack listens; rewritten at every start");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
