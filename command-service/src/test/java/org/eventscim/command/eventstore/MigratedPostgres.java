package org.eventscim.command.eventstore;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL with the command-service's migrations, for tests of what reads or writes the event store. */
public final class MigratedPostgres implements AutoCloseable {

    private static final String SCHEMA = "scim_events";

    private final EmbeddedPostgres postgres;

    private MigratedPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static MigratedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).schemas(SCHEMA).defaultSchema(SCHEMA)
                    .createSchemas(true).load().migrate();
            return new MigratedPostgres(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections on the default search path: the statements name their schemas. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** Connections whose search path is the event store's schema, as the service's connection pool sets it. */
    public DataSource eventStoreDataSource() {
        return postgres.getDatabase("postgres", "postgres", Map.of("currentSchema", SCHEMA));
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
