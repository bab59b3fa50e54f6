package org.eventscim.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit every write figure is a share of: how many single-row inserts per second the
 * stack's own PostgreSQL commits durably (each its own transaction, synchronous_commit on, so each waits
 * for its WAL flush) with 1 and with 8 connections. Uses a scratch schema it drops afterwards.
 */
final class PostgresBaseline {

    private final String url;
    private final String user;
    private final String password;

    PostgresBaseline(StackInfo stack) {
        this.url = stack.get("jdbc.url");
        this.user = stack.get("jdbc.user");
        this.password = stack.get("jdbc.password");
    }

    /** Inserts per second over {@code seconds} with {@code connections} connections inserting side by side. */
    double insertsPerSecond(int connections, double seconds) throws Exception {
        try (Connection admin = connect(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench_baseline");
            statement.execute("CREATE TABLE IF NOT EXISTS bench_baseline.insert_probe (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)");
        }
        AtomicLong inserts = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            running.add(threads.submit(() -> {
                try (Connection connection = connect();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_baseline.insert_probe (payload) VALUES (?)")) {
                    insert.setString(1, "x".repeat(200));
                    while (System.nanoTime() < deadline) {
                        insert.executeUpdate();
                        inserts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        try (Connection admin = connect(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA bench_baseline CASCADE");
        }
        return inserts.get() / elapsed;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
