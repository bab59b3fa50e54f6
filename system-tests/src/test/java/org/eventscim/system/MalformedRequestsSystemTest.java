package org.eventscim.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed requests through the gateway (issue #9), generated from a printed seed (set
 * {@code -Dscim.fuzz.seed=N} to replay one run): not one 5xx, every refusal a SCIM error body with its
 * status, no refused write changes the store, and no service log holds the bearer token.
 */
class MalformedRequestsSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = Integer.getInteger("scim.fuzz.requests", 10_000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void tenThousandMalformedRequestsAreRefusedCleanlyAndChangeNothing() throws Exception {
        long seed = Long.getLong("scim.fuzz.seed", System.nanoTime());
        System.out.println("Malformed requests seed: " + seed + " (replay with -Dscim.fuzz.seed=" + seed + ")");
        ScimClient scim = TestStacks.client();
        String userId = scim.post("/Users", "{\"schemas\":[\"" + MalformedRequests.USER + "\"],\"userName\":\"fuzz-target-"
                + seed + "@example.com\",\"emails\":[{\"value\":\"t@example.com\",\"type\":\"work\"}]}").body().path("id").asText();
        String groupId = scim.post("/Groups", "{\"schemas\":[\"" + MalformedRequests.GROUP + "\"],\"displayName\":\"Fuzz target "
                + seed + "\",\"members\":[{\"value\":\"" + userId + "\"}]}").body().path("id").asText();
        List<MalformedRequests.Request> requests = new MalformedRequests(seed, userId, groupId).generate(REQUESTS);
        long eventsBefore = StoredEvents.count();

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (MalformedRequests.Request request : requests) {
            sent.add(clients.submit(() -> check(request, failures)));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        clients.shutdown();

        assertThat(failures).as("of %d requests (seed %d)", requests.size(), seed).isEmpty();
        assertThat(StoredEvents.count()).as("events appended by refused writes").isEqualTo(eventsBefore);
        JsonNode user = scim.get("/Users/" + userId).body();
        assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
        assertThat(scim.get("/Groups/" + groupId).body().path("members")).hasSize(1);
        assertThat(logsMentioning(TestStacks.TOKEN)).as("service logs holding the bearer token").isEmpty();
    }

    private void check(MalformedRequests.Request request, List<String> failures) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(TestStacks.shared().scimBaseUrl() + request.path()))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + TestStacks.TOKEN)
                    .header("Accept", "application/scim+json");
            if (request.body() != null) {
                builder.header("Content-Type", request.contentType());
            }
            builder.method(request.method(), request.body() == null
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException | IllegalArgumentException e) {
            failures.add(request.describe() + " -> " + e);
            return;
        }
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(request.describe() + " -> " + status);
        } else if (status >= 400) {
            String problem = errorBodyProblem(response, status);
            if (problem != null) {
                failures.add(request.describe() + " -> " + status + ": " + problem);
            }
        } else if (request.path().equals("/Bulk")) {
            bulkOperationsAccepted(response).forEach(accepted -> failures.add(request.describe() + " -> " + accepted));
        } else if (request.write()) {
            failures.add(request.describe() + " -> accepted with " + status);
        }
    }

    /** A bulk request is answered 200 with a status per operation: every one of them must be a refusal. */
    private static List<String> bulkOperationsAccepted(HttpResponse<byte[]> response) {
        List<String> accepted = new ArrayList<>();
        try {
            for (JsonNode operation : JSON.readTree(response.body()).path("Operations")) {
                String status = operation.path("status").asText();
                if (!status.startsWith("4") || !operation.path("response").path("status").asText().equals(status)) {
                    accepted.add("bulk operation answered " + operation);
                }
            }
        } catch (IOException e) {
            accepted.add("unreadable bulk response: " + new String(response.body()));
        }
        return accepted;
    }

    /** Null when the body is a SCIM error with this status (RFC 7644 §3.12). */
    private static String errorBodyProblem(HttpResponse<byte[]> response, int status) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !"urn:ietf:params:scim:api:messages:2.0:Error".equals(body.path("schemas").path(0).asText())) {
                return "not a SCIM error body: " + new String(response.body());
            }
            if (!body.path("status").asText().equals(Integer.toString(status))) {
                return "status " + body.path("status") + " in the body";
            }
            return null;
        } catch (IOException e) {
            return "unreadable body: " + new String(response.body());
        }
    }

    private static List<Path> logsMentioning(String secret) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TestStacks.dataDirectory())) {
            for (Path file : files.filter(path -> path.toString().endsWith(".log")).toList()) {
                try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                    if (lines.anyMatch(line -> line.contains(secret))) {
                        found.add(file);
                    }
                }
            }
        }
        return found;
    }
}
