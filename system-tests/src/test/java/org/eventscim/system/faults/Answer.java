package org.eventscim.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of a load and what came back: {@code status} -1 when no answer came at all. {@code version}
 * is the resource version the answer names (ETag, else {@code meta.version}), 0 when it names none.
 */
record Answer(String operation, String resourceType, String resourceId, String userName, int status,
              long version, boolean scimErrorBody, boolean retryAfter, Instant at, long millis) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WEAK_ETAG = Pattern.compile("W/\"(\\d+)\"");
    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    static Answer of(String operation, String resourceType, String resourceId, String userName,
                     HttpResponse<String> response, long startedNanos) {
        JsonNode body = parse(response.body());
        String id = resourceId != null ? resourceId : body.path("id").asText(null);
        String etag = response.headers().firstValue("ETag").orElse(body.path("meta").path("version").asText(""));
        Matcher version = WEAK_ETAG.matcher(etag);
        boolean scimError = body.path("schemas").toString().contains(ERROR_SCHEMA)
                && body.path("status").asText().equals(String.valueOf(response.statusCode()));
        return new Answer(operation, resourceType, id, userName, response.statusCode(),
                version.matches() ? Long.parseLong(version.group(1)) : 0,
                scimError, response.headers().firstValue("Retry-After").isPresent(), Instant.now(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    static Answer none(String operation, String resourceType, String resourceId, String userName, long startedNanos) {
        return new Answer(operation, resourceType, resourceId, userName, -1, 0, false, false, Instant.now(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }

    boolean acknowledged() {
        return status >= 200 && status < 300;
    }

    /** A 5xx, or no answer at all: the client cannot know whether the write happened. */
    boolean failed() {
        return status >= 500 || status == -1;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
