package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * The whole service measured the way IdPs use it (issue #8), each figure the median of {@code runs} runs
 * after a warm-up that is not counted, every run in a fresh tenant: creates with 1 and 8 clients, reads by
 * id and by {@code userName eq}, PATCH, authentik's hourly PUT of unchanged users, adding a group member,
 * paging through every user by index and by cursor, and projection lag (from a write's answer to a filter
 * finding it) under a write load aimed at 1,000 writes/s; beside them the durable insert rate of the same
 * PostgreSQL, the limit each write figure is a share of. Prints one table; {@link SuiteReport} writes JSON
 * and HTML.
 */
final class SuiteBenchmark {

    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final String baseUrl;
    private final ScimHttp admin;
    private static final int WARM_UP_RUNS = 3;
    private static final int READ_WARM_UP = 20_000;
    /** Per run: a p99 over 2,000 reads was their 20th slowest, and moved by a millisecond between runs. */
    private static final int READS = 10_000;
    private static final int FILTERS = 5_000;

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    SuiteBenchmark(String baseUrl, String operatorToken) {
        this.baseUrl = baseUrl;
        this.admin = new ScimHttp(baseUrl.replaceFirst("/scim/v2$", "/admin/v1"), operatorToken);
    }

    /** One measured quantity: its value in each run and the median of them. */
    record Figure(String name, String unit, List<Double> runs) {

        double median() {
            List<Double> sorted = runs.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    Map<String, Figure> run(int runs, int users, StackInfo stack) throws Exception {
        warmUp(users);
        for (int run = 1; run <= runs; run++) {
            System.out.printf("run %d of %d ...%n", run, runs);
            measureOnce(newTenant("run" + run), users);
        }
        PostgresBaseline postgres = new PostgresBaseline(stack);
        for (int run = 1; run <= runs; run++) {
            record("PostgreSQL durable inserts, 1 connection", "rows/s", postgres.insertsPerSecond(1, 5));
            record("PostgreSQL durable inserts, 8 connections", "rows/s", postgres.insertsPerSecond(8, 5));
        }
        print();
        return figures;
    }

    /**
     * Not counted: three whole runs, then more reads. On two cores the services' JIT takes that long to settle:
     * after two runs of warm-up, the three measured runs of a fresh stack still climbed (8 clients 405, 520, 657
     * creates/s), and the GET p99 was 11.8 ms over the first 30,000 reads of a fresh stack, about 5 ms after them.
     */
    private void warmUp(int users) throws Exception {
        for (int run = 1; run <= WARM_UP_RUNS; run++) {
            System.out.printf("warm-up run %d of %d (not counted) ...%n", run, WARM_UP_RUNS);
            Tenant tenant = newTenant("warm" + run);
            List<String> ids = measureOnce(tenant, users);
            if (run == WARM_UP_RUNS) {
                readById(tenant.scim(), ids, READ_WARM_UP);
                timed(READ_WARM_UP / 2, i -> filterByUserName(tenant, users, i), 200);
            }
        }
        figures.clear();
    }

    /** @return the ids of the users it created */
    private List<String> measureOnce(Tenant tenant, int users) throws Exception {
        ScimHttp scim = tenant.scim();
        long started = System.nanoTime();
        // Half as many as the 8 clients create, at least 500: 100 creates took well under a second, and one client's
        // rate then moved by half between runs.
        List<String> ids = new ArrayList<>(create(tenant, 1, Math.max(500, users / 2), "single"));
        record("POST /Users, 1 client", "req/s", ids.size() / seconds(started));
        started = System.nanoTime();
        List<String> many = create(tenant, 8, users, "eight");
        record("POST /Users, 8 clients", "req/s", many.size() / seconds(started));
        ids.addAll(many);

        Histogram reads = readById(scim, ids, READS);
        record("GET /Users/{id} p50", "ms", reads.getValueAtPercentile(50) / 1e6);
        record("GET /Users/{id} p99", "ms", reads.getValueAtPercentile(99) / 1e6);
        Histogram filters = timed(FILTERS, i -> filterByUserName(tenant, users, i), 200);
        record("filter userName eq p50", "ms", filters.getValueAtPercentile(50) / 1e6);
        record("filter userName eq p99", "ms", filters.getValueAtPercentile(99) / 1e6);
        Histogram patches = timed(500, i -> scim.send("PATCH", "/Users/" + ids.get(i % ids.size()), """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"Title %d"}]}""".formatted(PATCH_OP, i)), 200);
        record("PATCH /Users/{id} p50", "ms", patches.getValueAtPercentile(50) / 1e6);
        record("PATCH /Users/{id} p99", "ms", patches.getValueAtPercentile(99) / 1e6);

        started = System.nanoTime();
        int unchanged = parallel(8, many.size(), i -> scim.send("PUT", "/Users/" + many.get(i), user("eight-" + tenant.id() + "-" + i)));
        record("PUT of an unchanged user, 8 clients", "req/s", unchanged / seconds(started));

        String group = scim.send("POST", "/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Bench " + tenant.id() + "\"}")
                .body().path("id").asText();
        Histogram adds = timed(Math.min(500, ids.size()), i -> scim.send("PATCH", "/Groups/" + group, """
                {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                .formatted(PATCH_OP, ids.get(i))), 204);
        record("group member add p50", "ms", adds.getValueAtPercentile(50) / 1e6);
        record("group member add p99", "ms", adds.getValueAtPercentile(99) / 1e6);

        started = System.nanoTime();
        int paged = pageByIndex(scim);
        record("page through all users by index (count=100)", "s", seconds(started));
        started = System.nanoTime();
        int cursorPaged = pageByCursor(scim);
        record("page through all users by cursor (count=100)", "s", seconds(started));
        if (paged != ids.size() || cursorPaged != ids.size()) {
            throw new IllegalStateException("Paging saw " + paged + " and " + cursorPaged + " users of " + ids.size());
        }
        projectionLag(tenant);
        return ids;
    }

    private static ScimHttp.Reply filterByUserName(Tenant tenant, int users, int i) throws Exception {
        return tenant.scim().send("GET", ScimHttp.filter("Users",
                "userName eq \"eight-" + tenant.id() + "-" + (i % users) + "@bench.example\""), null);
    }

    /**
     * Writers aim at 1,000 PATCHes a second in total while one probe creates a user at a time and, from the
     * moment the create is answered, asks for it by filter until it is found.
     */
    private void projectionLag(Tenant tenant) throws Exception {
        ScimHttp scim = tenant.scim();
        List<String> targets = create(tenant, 8, 200, "lag-target");
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        long loadStarted = System.nanoTime();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            writers.submit(() -> {
                long next = System.nanoTime();
                int i = 0;
                while (loading.get()) {
                    // 8 writers at 125/s each: 1,000/s if the service keeps up; it is reported as achieved either way.
                    next += TimeUnit.MILLISECONDS.toNanos(8);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    scim.send("PATCH", "/Users/" + targets.get((writer * 25 + i++) % targets.size()), """
                            {"schemas":["%s"],"Operations":[{"op":"replace","path":"title","value":"Load %d"}]}""".formatted(PATCH_OP, i));
                    written.incrementAndGet();
                }
                return null;
            });
        }
        Histogram lag = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int probe = 0; probe < 100; probe++) {
            String name = "lag-" + tenant.id() + "-" + probe;
            ScimHttp.Reply created = scim.send("POST", "/Users", user(name));
            long answered = System.nanoTime();
            if (created.status() != 201) {
                throw new IllegalStateException("POST answered " + created.status());
            }
            while (scim.send("GET", ScimHttp.filter("Users", "userName eq \"" + name + "@bench.example\""), null)
                    .body().path("totalResults").asInt() != 1) {
                Thread.onSpinWait();
            }
            lag.recordValue(System.nanoTime() - answered);
        }
        loading.set(false);
        writers.shutdown();
        writers.awaitTermination(60, TimeUnit.SECONDS);
        record("write load during the lag probes", "writes/s", written.get() / seconds(loadStarted));
        record("projection lag p50 (answer → found by filter)", "ms", lag.getValueAtPercentile(50) / 1e6);
        record("projection lag p99 (answer → found by filter)", "ms", lag.getValueAtPercentile(99) / 1e6);
    }

    private record Tenant(String id, ScimHttp scim) {
    }

    private Tenant newTenant(String purpose) throws IOException, InterruptedException {
        String id = "bench-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.send("POST", "/tenants", "{\"id\":\"" + id + "\",\"rateLimitPerMinute\":100000000}"), 201);
        ScimHttp.Reply token = admin.send("POST", "/tenants/" + id + "/tokens",
                "{\"name\":\"benchmark\",\"scopes\":[\"scim:read\",\"scim:write\"]}");
        expect(token, 201);
        return new Tenant(id, new ScimHttp(baseUrl, token.body().path("secret").asText()));
    }

    /** Users named {@code <prefix>-<tenant>-<i>}; answers their ids in that order. */
    private List<String> create(Tenant tenant, int clients, int count, String prefix) throws Exception {
        String[] ids = new String[count];
        parallel(clients, count, i -> {
            ScimHttp.Reply created = tenant.scim().send("POST", "/Users", user(prefix + "-" + tenant.id() + "-" + i));
            expect(created, 201);
            ids[i] = created.body().path("id").asText();
            return created;
        });
        return List.of(ids);
    }

    private Histogram readById(ScimHttp scim, List<String> ids, int reads) throws Exception {
        Random random = new Random(7);
        return timed(reads, i -> scim.send("GET", "/Users/" + ids.get(random.nextInt(ids.size())), null), 200);
    }

    private int pageByIndex(ScimHttp scim) throws IOException, InterruptedException {
        int seen = 0;
        for (int start = 1; ; start += 100) {
            JsonNode page = scim.send("GET", "/Users?startIndex=" + start + "&count=100&attributes=userName", null).body();
            seen += page.path("Resources").size();
            if (page.path("Resources").size() < 100) {
                return seen;
            }
        }
    }

    private int pageByCursor(ScimHttp scim) throws IOException, InterruptedException {
        int seen = 0;
        String cursor = "";
        while (cursor != null) {
            JsonNode page = scim.send("GET", "/Users?count=100&attributes=userName&cursor=" + cursor, null).body();
            seen += page.path("Resources").size();
            cursor = page.hasNonNull("nextCursor") ? URLEncoder.encode(page.path("nextCursor").asText(), StandardCharsets.UTF_8) : null;
        }
        return seen;
    }

    @FunctionalInterface
    private interface Call {
        ScimHttp.Reply send(int i) throws Exception;
    }

    /** Sequential calls by one client, timed one by one. */
    private static Histogram timed(int count, Call call, int expectedStatus) throws Exception {
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            ScimHttp.Reply reply = call.send(i);
            latencies.recordValue(System.nanoTime() - started);
            expect(reply, expectedStatus);
        }
        return latencies;
    }

    /** {@code count} calls shared by {@code clients} threads; answers how many succeeded (all must). */
    private static int parallel(int clients, int count, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(threads.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        ScimHttp.Reply reply = call.send(i);
                        if (reply.status() >= 300) {
                            throw new IllegalStateException("answered " + reply.status() + ": " + reply.body());
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        threads.shutdown();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " calls failed, first: " + failures.peek(), failures.peek());
        }
        return count;
    }

    private static void expect(ScimHttp.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("Expected " + status + ", answered " + reply.status() + ": " + reply.body());
        }
    }

    private static String user(String name) {
        return """
                {"schemas":["%s"],"userName":"%s@bench.example","displayName":"%s","active":true,
                 "emails":[{"value":"%s@bench.example","type":"work","primary":true}]}""".formatted(USER, name, name, name);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private void record(String name, String unit, double value) {
        figures.computeIfAbsent(name, key -> new Figure(name, unit, new ArrayList<>())).runs().add(value);
    }

    private void print() {
        System.out.printf("%n%-52s %12s  %s%n", "figure (median of the runs)", "median", "runs");
        for (Figure figure : figures.values()) {
            System.out.printf("%-52s %12.1f  %s %s%n", figure.name(), figure.median(), figure.runs().stream()
                    .map(value -> String.format("%.1f", value)).toList(), figure.unit());
        }
    }
}
