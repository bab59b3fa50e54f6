package org.eventscim.system;

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

/** Talks to the gateway the way an IdP does: bearer token, SCIM JSON. */
final class ScimClient {

    static final String SCIM_JSON = "application/scim+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    ScimClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    ScimClient withToken(String otherToken) {
        return new ScimClient(baseUrl, otherToken);
    }

    Response post(String path, String body) {
        return send(request(path).header("Content-Type", SCIM_JSON).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response post(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Response put(String path, String body, String... headers) {
        return send(request(path, headers).setHeader("Content-Type", contentType(headers)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response patch(String path, String body, String... headers) {
        return send(request(path, headers).setHeader("Content-Type", contentType(headers))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, with a body even where none is expected, as a careless client might send it. */
    Response send(String method, String path, String body) {
        return send(request(path).header("Content-Type", SCIM_JSON).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    Response filter(String resourceType, String filter) {
        return get("/" + resourceType + "?filter=" + encode(filter));
    }

    static String encode(String queryValue) {
        return URLEncoder.encode(queryValue, StandardCharsets.UTF_8);
    }

    /** {@code headers} are name, value pairs. */
    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", SCIM_JSON)
                .header("User-Agent", "system-test-idp/1.0");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static String contentType(String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Content-Type")) {
                return headers[i + 1];
            }
        }
        return SCIM_JSON;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() || !isJson(response) ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An audit export (JSON Lines, CSV) is text: its lines are read from {@link Response#raw}. */
    private static boolean isJson(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        return !type.startsWith("text/csv") && !type.startsWith("application/jsonl");
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
