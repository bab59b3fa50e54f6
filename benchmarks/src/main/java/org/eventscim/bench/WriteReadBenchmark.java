package org.eventscim.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Write→read cycles as an IdP runs them: every read right after its write's response must already see
 * the write (DESIGN decision 8). Prints latency per operation and the stale-read count.
 */
final class WriteReadBenchmark {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private final ScimHttp scim;
    private final Map<String, Histogram> latencies = new LinkedHashMap<>();
    private long staleReads;
    private long failedWrites;

    WriteReadBenchmark(ScimHttp scim) {
        this.scim = scim;
    }

    void run(int cycles, int warmUpCycles) throws IOException, InterruptedException {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < warmUpCycles; i++) {
            cycle("warm-" + runId + "-" + i);
        }
        latencies.clear();
        staleReads = 0;
        failedWrites = 0;
        for (int i = 0; i < cycles; i++) {
            cycle("bench-" + runId + "-" + i);
        }
        print(cycles);
    }

    private void cycle(String name) throws IOException, InterruptedException {
        String userName = name + "@bench.example";
        ScimHttp.Reply created = timed("POST /Users", "POST", "/Users", """
                {"schemas":["%s"],"userName":"%s","displayName":"%s","active":true}""".formatted(USER_SCHEMA, userName, name));
        if (created.status() != 201) {
            failedWrites++;
            return;
        }
        String id = created.body().path("id").asText();
        expect(timed("GET /Users/{id}", "GET", "/Users/" + id, null), "userName", userName);
        expectFound(timed("GET filter userName eq", "GET", ScimHttp.filter("Users", "userName eq \"" + userName + "\""), null));

        ScimHttp.Reply replaced = timed("PUT /Users/{id}", "PUT", "/Users/" + id, """
                {"schemas":["%s"],"userName":"%s","displayName":"%s","title":"Replaced","active":true}"""
                .formatted(USER_SCHEMA, userName, name));
        countFailure(replaced);
        expect(timed("GET /Users/{id}", "GET", "/Users/" + id, null), "title", "Replaced");

        ScimHttp.Reply patched = timed("PATCH /Users/{id}", "PATCH", "/Users/" + id, """
                {"schemas":["%s"],"Operations":[{"op":"replace","path":"displayName","value":"%s patched"}]}"""
                .formatted(PATCH_OP, name));
        countFailure(patched);
        expect(timed("GET /Users/{id}", "GET", "/Users/" + id, null), "displayName", name + " patched");
        expectFound(timed("GET filter userName eq", "GET",
                ScimHttp.filter("Users", "displayName eq \"" + name + " patched\""), null));
    }

    private ScimHttp.Reply timed(String operation, String method, String path, String body)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        ScimHttp.Reply reply = scim.send(method, path, body);
        latencies.computeIfAbsent(operation, key -> new Histogram(TimeUnit.SECONDS.toMicros(60), 3))
                .recordValue((System.nanoTime() - start) / 1_000);
        return reply;
    }

    private void countFailure(ScimHttp.Reply reply) {
        if (reply.status() != 200) {
            failedWrites++;
        }
    }

    private void expect(ScimHttp.Reply reply, String attribute, String value) {
        if (reply.status() != 200 || !value.equals(reply.body().path(attribute).asText())) {
            staleReads++;
        }
    }

    private void expectFound(ScimHttp.Reply reply) {
        if (reply.status() != 200 || reply.body().path("totalResults").asInt() != 1) {
            staleReads++;
        }
    }

    private void print(int cycles) {
        System.out.printf("write-read: %d cycles (warm-up excluded)%n", cycles);
        System.out.printf("%-24s %8s %10s %10s %10s%n", "operation", "count", "p50 ms", "p99 ms", "max ms");
        latencies.forEach((operation, histogram) -> System.out.printf("%-24s %8d %10.2f %10.2f %10.2f%n",
                operation, histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0));
        System.out.printf("stale reads: %d, failed writes: %d%n", staleReads, failedWrites);
    }
}
