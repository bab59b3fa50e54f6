package org.eventscim.bench;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * What the gateway hop costs (issue #6): one client reads one user by id many times; the gateway itself
 * measures each request's time minus its call to the query-service and publishes p50/p99 of that on its
 * {@code /actuator/prometheus}, which this reads afterwards beside the end-to-end latency.
 */
final class GatewayOverheadBenchmark {

    private static final Pattern QUANTILE = Pattern.compile("scim_gateway_overhead_seconds\\{quantile=\"(0\\.5|0\\.99)\"} ([0-9.Ee-]+)");

    private final ScimHttp scim;

    GatewayOverheadBenchmark(ScimHttp scim) {
        this.scim = scim;
    }

    void run(int requests, int warmUp) throws IOException, InterruptedException {
        String userName = "hop-" + UUID.randomUUID() + "@bench.example";
        ScimHttp.Reply created = scim.send("POST", "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}");
        if (created.status() != 201) {
            throw new IllegalStateException("POST /Users answered " + created.status());
        }
        String path = "/Users/" + created.body().path("id").asText();
        for (int i = 0; i < warmUp; i++) {
            scim.send("GET", path, null);
        }
        Histogram endToEnd = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            ScimHttp.Reply read = scim.send("GET", path, null);
            endToEnd.recordValue(System.nanoTime() - started);
            if (read.status() != 200) {
                throw new IllegalStateException("GET answered " + read.status());
            }
        }
        String metrics = scim.gatewayMetrics();
        System.out.printf("GET /Users/{id}, 1 client, %,d requests after %,d warm-up%n", requests, warmUp);
        System.out.printf("  end to end           p50 %6.2f ms  p99 %6.2f ms%n",
                endToEnd.getValueAtPercentile(50) / 1e6, endToEnd.getValueAtPercentile(99) / 1e6);
        Matcher quantiles = QUANTILE.matcher(metrics);
        StringBuilder hop = new StringBuilder("  gateway's own share ");
        while (quantiles.find()) {
            hop.append(String.format(" p%s %6.2f ms", quantiles.group(1).equals("0.5") ? "50" : "99",
                    Double.parseDouble(quantiles.group(2)) * 1000));
        }
        System.out.println(hop);
    }
}
