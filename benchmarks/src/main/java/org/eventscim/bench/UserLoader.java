package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loads users straight into the users read model (alias {@code scim-users}), in the document shape the
 * projection writes ({@code ResourceDocument}: tenant, resourceId, version, deleted, created, lastModified,
 * resource, sortValues; {@code _id} = {@code <tenant>/<id>}; external version 1). A million users through
 * the command side would measure the write path for an hour; the reads are what is measured here.
 */
final class UserLoader {

    static final List<String> GIVEN_NAMES = List.of("anna", "bob", "carla", "dieter", "eva", "frank", "gina", "hans",
            "ines", "jan", "karin", "lars", "maria", "nils", "olga", "paul", "rita", "sven", "tina", "uwe");
    static final List<String> FAMILY_NAMES = List.of("meyer", "schmidt", "jensen", "smith", "garcia", "rossi",
            "novak", "kowalski", "dubois", "silva", "tanaka", "kim", "olsen", "berg", "fischer", "weber", "wagner",
            "becker", "hoffmann", "koch");
    static final List<String> TITLES = List.of("Engineer", "Manager", "Analyst", "Designer", "Director", "Clerk",
            "Consultant", "Architect");
    static final List<String> DEPARTMENTS = List.of("Sales", "Engineering", "Finance", "Legal", "Support", "HR");
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final int BULK_SIZE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String elasticsearch;

    UserLoader(String elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    static String userName(int i) {
        return "user" + i + "@bench.example";
    }

    static String email(int i) {
        return GIVEN_NAMES.get(i % GIVEN_NAMES.size()) + "." + FAMILY_NAMES.get(i / GIVEN_NAMES.size() % FAMILY_NAMES.size())
                + i + "@example.com";
    }

    /** Bulks {@code count} users of {@code tenant} with {@code parallel} concurrent requests, then refreshes. */
    void load(String tenant, int count, int parallel) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> bulks = new ArrayList<>();
            for (int from = 0; from < count; from += BULK_SIZE) {
                int start = from;
                int end = Math.min(count, from + BULK_SIZE);
                bulks.add(workers.submit(() -> {
                    bulk(tenant, start, end);
                    return null;
                }));
            }
            for (Future<?> bulk : bulks) {
                bulk.get();
            }
        } finally {
            workers.shutdownNow();
        }
        // The service counts only the projection's writes as needing a refresh; these it cannot know of.
        send("POST", "/scim-users/_refresh", null);
    }

    /**
     * Waits (at most {@code limit}) until Elasticsearch merges no segments: merging what a bulk load of a million
     * users wrote keeps a core busy for minutes, and the figures are meant for a read model in service, not for
     * the minutes after its load.
     */
    void awaitMergesSettled(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode nodes = send("GET", "/_nodes/stats/indices/merge", null).path("nodes");
            boolean merging = false;
            for (JsonNode node : nodes) {
                merging |= node.path("indices").path("merges").path("current").asLong() > 0;
            }
            if (!merging) {
                break;
            }
            Thread.sleep(1_000);
        }
    }

    private void bulk(String tenant, int from, int to) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder(to - from << 10);
        for (int i = from; i < to; i++) {
            String id = id(tenant, i);
            body.append("{\"index\":{\"_index\":\"scim-users\",\"_id\":\"").append(tenant).append('/').append(id)
                    .append("\",\"version\":1,\"version_type\":\"external\"}}\n");
            document(body, tenant, id, i).append('\n');
        }
        JsonNode answer = send("POST", "/_bulk", body.toString());
        if (answer.path("errors").asBoolean()) {
            throw new IllegalStateException("Bulk refused: " + answer.toString().substring(0, 2_000));
        }
    }

    /** Field values are ASCII letters, digits and '@.-', so they are written without escaping. */
    private static StringBuilder document(StringBuilder json, String tenant, String id, int i) {
        String created = EPOCH.plusSeconds(i).toString();
        String given = GIVEN_NAMES.get(i % GIVEN_NAMES.size());
        String family = FAMILY_NAMES.get(i / GIVEN_NAMES.size() % FAMILY_NAMES.size());
        String work = "{\"value\":\"" + email(i) + "\",\"type\":\"work\",\"primary\":true}";
        json.append("{\"tenant\":\"").append(tenant).append("\",\"resourceId\":\"").append(id)
                .append("\",\"version\":1,\"deleted\":false,\"created\":\"").append(created)
                .append("\",\"lastModified\":\"").append(created).append("\",\"resource\":{")
                .append("\"userName\":\"").append(userName(i)).append('"')
                .append(",\"externalId\":\"ext-").append(i).append('"')
                .append(",\"name\":{\"givenName\":\"").append(given).append("\",\"familyName\":\"").append(family).append("\"}")
                .append(",\"displayName\":\"").append(given).append(' ').append(family).append('"')
                .append(",\"title\":\"").append(TITLES.get(i % TITLES.size())).append('"')
                .append(",\"active\":").append(i % 10 != 0)
                .append(",\"emails\":[").append(work).append(",{\"value\":\"u").append(i)
                .append("@home.example\",\"type\":\"home\"}]")
                .append(",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"employeeNumber\":\"")
                .append(i).append("\",\"department\":\"").append(DEPARTMENTS.get(i % DEPARTMENTS.size()))
                .append("\",\"manager\":{\"value\":\"").append(id(tenant, i / 10)).append("\"}}")
                .append("},\"sortValues\":{\"emails\":").append(work).append("}}");
        return json;
    }

    private static String id(String tenant, int i) {
        return "%08x-0000-4000-8000-%012d".formatted(tenant.hashCode(), i);
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(elasticsearch + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/x-ndjson")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
