package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One client creating users one POST at a time versus the same number in one /Bulk request (issue #10).
 * Each round creates fresh users both ways; the figures are wall-clock times, and the median of the
 * rounds is printed beside each round's.
 */
final class BulkBenchmark {

    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private final ScimHttp scim;

    BulkBenchmark(ScimHttp scim) {
        this.scim = scim;
    }

    void run(int rounds, int users) throws IOException, InterruptedException {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        singlePosts("warm-" + runId, 50);
        bulk("warm-bulk-" + runId, 50);
        List<Double> singles = new ArrayList<>();
        List<Double> bulks = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double single = singlePosts("single-" + runId + "-" + round, users);
            double bulk = bulk("bulk-" + runId + "-" + round, users);
            singles.add(single);
            bulks.add(bulk);
            System.out.printf("round %d: %,d single POSTs %.2f s (%.0f/s), one bulk of %,d POSTs %.2f s (%.0f/s)%n",
                    round, users, single, users / single, users, bulk, users / bulk);
        }
        double single = median(singles);
        double bulk = median(bulks);
        System.out.printf("median of %d: single POSTs %.2f s, bulk %.2f s, bulk is %.1fx faster%n",
                rounds, single, bulk, single / bulk);
    }

    private double singlePosts(String prefix, int users) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < users; i++) {
            ScimHttp.Reply created = scim.send("POST", "/Users", user(prefix, i));
            if (created.status() != 201) {
                throw new IllegalStateException("POST /Users answered " + created.status() + ": " + created.body());
            }
        }
        return seconds(started);
    }

    private double bulk(String prefix, int users) throws IOException, InterruptedException {
        List<String> operations = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            operations.add("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u" + i + "\",\"data\":" + user(prefix, i) + "}");
        }
        String request = "{\"schemas\":[\"" + BULK_REQUEST + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
        long started = System.nanoTime();
        ScimHttp.Reply reply = scim.send("POST", "/Bulk", request);
        double elapsed = seconds(started);
        if (reply.status() != 200) {
            throw new IllegalStateException("POST /Bulk answered " + reply.status() + ": " + reply.body());
        }
        int created = 0;
        for (JsonNode operation : reply.body().path("Operations")) {
            created += operation.path("status").asText().equals("201") ? 1 : 0;
        }
        if (created != users) {
            throw new IllegalStateException("The bulk created " + created + " of " + users + " users: " + reply.body());
        }
        return elapsed;
    }

    private static String user(String prefix, int i) {
        String name = prefix + "-" + i;
        return """
                {"schemas":["%s"],"userName":"%s@bench.example","displayName":"%s","active":true,
                 "emails":[{"value":"%s@bench.example","type":"work","primary":true}]}""".formatted(USER_SCHEMA, name, name, name);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
