package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A minimal SCIM client: bearer token, SCIM JSON, keep-alive connections. */
final class ScimHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String token;

    ScimHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                // Long enough for a DELETE that takes a user out of a thousand groups.
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** The gateway's Prometheus metrics; the token must be an admin token of the operator's tenant. */
    String gatewayMetrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.replaceFirst("/scim/v2.*$", "") + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The gateway's metrics answered " + response.statusCode()
                    + "; SCIM_TOKEN must be an admin token of the operator's tenant");
        }
        return response.body();
    }

    static String filter(String resourceType, String filter) {
        return "/" + resourceType + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }
}
