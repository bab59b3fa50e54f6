package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Filters, sorting and paging over a large tenant: loads the users straight into the read model (see
 * {@link UserLoader}) under a fresh tenant, then times, through the gateway like an IdP, the queries an
 * IdP sends: {@code userName eq}, {@code emails.value co}, a three-clause and/or filter, a sorted page,
 * and reading every user in pages of 100 by cursor (RFC 9865) and by startIndex.
 */
final class FiltersBenchmark {

    private static final int WARM_UP = 30;
    /**
     * Requests before anything is measured: right after {@code ./scim up} the services run interpreted code, and
     * a request costs several times what it costs a service that has run for a while (measured: 7.8 against 1.5 ms
     * p50 for the HTTP floor).
     */
    private static final int SERVICE_WARM_UP = 12_000;
    private static final int PAGE = 100;

    private final String gateway;
    private final String adminToken;
    private final String elasticsearch;
    private final Random random = new Random(42);
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private final Map<String, String> totals = new LinkedHashMap<>();
    private ScimHttp scim;
    private long failures;

    /** @param gateway e.g. {@code http://localhost:8080} */
    FiltersBenchmark(String gateway, String adminToken, String elasticsearch) {
        this.gateway = gateway;
        this.adminToken = adminToken;
        this.elasticsearch = elasticsearch;
    }

    /** @param loadedTenant a tenant an earlier run loaded with {@code users} users, or null to load a new one */
    void run(int users, int samples, int indexPagingSeconds, String loadedTenant) throws Exception {
        String tenant = loadedTenant != null ? loadedTenant : "bench-filters-" + UUID.randomUUID().toString().substring(0, 8);
        ScimHttp admin = new ScimHttp(gateway + "/admin/v1", adminToken);
        if (loadedTenant == null) {
            expectCreated(admin.send("POST", "/tenants", "{\"id\":\"" + tenant + "\",\"rateLimitPerMinute\":100000000}"));
        }
        ScimHttp.Reply token = expectCreated(admin.send("POST", "/tenants/" + tenant + "/tokens",
                "{\"name\":\"filters-bench\",\"scopes\":[\"scim:read\"]}"));
        scim = new ScimHttp(gateway + "/scim/v2", token.body().path("secret").asText());
        System.out.println("Tenant " + tenant + (loadedTenant == null ? " (rerun with --tenant " + tenant + ")" : ""));

        if (loadedTenant == null) {
            long loadStart = System.nanoTime();
            UserLoader loader = new UserLoader(elasticsearch);
            loader.load(tenant, users, 2);
            totals.put("load " + users + " users (bulk, 2 parallel)", seconds(loadStart));
            long settleStart = System.nanoTime();
            loader.awaitMergesSettled(Duration.ofMinutes(10));
            totals.put("then until Elasticsearch merges no more", seconds(settleStart));
        }
        long total = get("/Users?count=0").path("totalResults").asLong();
        if (total != users) {
            throw new IllegalStateException("The tenant lists " + total + " users, not " + users);
        }

        warmUpServices(users);
        // The same machine's floor: a request through the gateway that the query-service answers without Elasticsearch.
        measure("GET /ServiceProviderConfig", samples, i -> "/ServiceProviderConfig");
        measure("userName eq", samples, i -> ScimHttp.filter("Users",
                "userName eq \"" + UserLoader.userName(random.nextInt(users)) + "\""));
        measure("emails.value co", samples, i -> ScimHttp.filter("Users",
                "emails.value co \"" + UserLoader.email(random.nextInt(users)).substring(2, 12) + "\""));
        measure("3-clause and/or", samples, i -> ScimHttp.filter("Users",
                "userName sw \"user" + random.nextInt(1000) + "\" and (title eq \"Engineer\" or active eq false)"));
        measure("sortBy=userName page", samples, i -> "/Users?sortBy=userName&count=" + PAGE + "&startIndex="
                + (1 + random.nextInt(Math.min(users, 10_000))));

        pageByCursor(users);
        pageByIndex(users, indexPagingSeconds);
        print(users, samples);
    }

    /** The kinds of request measured below, in turn, unmeasured; cursor pages walk on from the start. */
    private void warmUpServices(int users) throws IOException, InterruptedException {
        String cursor = "";
        for (int i = 0; i < SERVICE_WARM_UP; i++) {
            String request = switch (i % 4) {
                case 0 -> "/ServiceProviderConfig";
                case 1 -> ScimHttp.filter("Users", "userName eq \"" + UserLoader.userName(random.nextInt(users)) + "\"");
                case 2 -> "/Users?count=" + PAGE + "&startIndex=" + (1 + random.nextInt(Math.min(users, 10_000)));
                default -> "/Users?count=" + PAGE + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            };
            ScimHttp.Reply reply = scim.send("GET", request, null);
            if (i % 4 == 3) {
                JsonNode page = reply.body();
                cursor = page != null && page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : "";
            }
        }
    }

    private static ScimHttp.Reply expectCreated(ScimHttp.Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("The admin API refused (the token needs the admin scope): " + reply.body());
        }
        return reply;
    }

    private void measure(String name, int samples, IntFunction<String> path) throws IOException, InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        for (int i = 0; i < WARM_UP + samples; i++) {
            String request = path.apply(i);
            long start = System.nanoTime();
            ScimHttp.Reply reply = scim.send("GET", request, null);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            if (reply.status() != 200) {
                failures++;
            }
            if (i >= WARM_UP) {
                histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
            }
        }
        latencies.put(name, histogram);
        System.out.printf("%s: p50 %.1f ms%n", name, histogram.getValueAtPercentile(50) / 1000.0);
    }

    private void pageByCursor(int users) throws IOException, InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long start = System.nanoTime();
        long read = 0;
        int pages = 0;
        String cursor = "";
        while (cursor != null) {
            long pageStart = System.nanoTime();
            JsonNode page = get("/Users?count=" + PAGE + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            histogram.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - pageStart));
            read += page.path("Resources").size();
            pages++;
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        }
        latencies.put("cursor page (count=100)", histogram);
        totals.put("all users by cursor: " + pages + " pages, " + read + " users" + (read == users ? "" : " (MISMATCH)"),
                seconds(start));
    }

    private void pageByIndex(int users, int limitSeconds) throws IOException, InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(limitSeconds);
        long read = 0;
        int pages = 0;
        while (read < users && System.nanoTime() < deadline) {
            long pageStart = System.nanoTime();
            JsonNode page = get("/Users?count=" + PAGE + "&startIndex=" + (read + 1));
            histogram.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - pageStart),
                    histogram.getHighestTrackableValue()));
            read += page.path("Resources").size();
            pages++;
        }
        latencies.put("startIndex page (count=100)", histogram);
        String name = "all users by startIndex: " + pages + " pages, " + read + " users";
        totals.put(read >= users ? name : name + " (stopped after --index-paging-seconds " + limitSeconds + ")",
                seconds(start));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        ScimHttp.Reply reply = scim.send("GET", path, null);
        if (reply.status() != 200) {
            throw new IllegalStateException("GET " + path + " → " + reply.status() + " " + reply.body());
        }
        return reply.body();
    }

    private static String seconds(long startNanos) {
        return "%.1f s".formatted((System.nanoTime() - startNanos) / 1e9);
    }

    private void print(int users, int samples) {
        System.out.printf("%nFilters over %,d users, %d samples each after %,d warm-up requests and %d of the kind (ms):%n",
                users, samples, SERVICE_WARM_UP, WARM_UP);
        System.out.printf("%-32s %8s %8s %8s%n", "", "p50", "p99", "max");
        latencies.forEach((name, histogram) -> System.out.printf("%-32s %8.1f %8.1f %8.1f%n", name,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0));
        totals.forEach((name, time) -> System.out.printf("%-70s %s%n", name, time));
        System.out.printf("failed requests: %d%n", failures);
    }
}
