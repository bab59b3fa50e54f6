package org.eventscim.command.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: before a write is answered, waits (bounded) until the query-service shows the new
 * version, so an IdP that reads right after a write sees it. The write itself is already durable.
 */
@Component
public class ReadSideAwaiter {

    private static final Logger log = LoggerFactory.getLogger(ReadSideAwaiter.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String queryServiceUrl;
    private final Duration timeout;
    private final CallerTokenCodec callerTokens;
    private final ObjectMapper json;

    ReadSideAwaiter(@Value("${scim.query-service.url}") String queryServiceUrl,
                    @Value("${scim.read-your-writes.timeout}") Duration timeout,
                    CallerTokenCodec callerTokens, ObjectMapper json) {
        this.queryServiceUrl = queryServiceUrl;
        this.timeout = timeout;
        this.callerTokens = callerTokens;
        this.json = json;
    }

    /** True once the read side shows at least {@code version} of the resource; false after the timeout. */
    public boolean awaitApplied(Caller caller, String resourceType, String resourceId, long version) {
        URI uri = URI.create(queryServiceUrl + "/internal/applied?resourceType=" + resourceType
                + "&id=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8)
                + "&version=" + version + "&timeoutMs=" + timeout.toMillis());
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout.plusSeconds(2))
                .header(Caller.HEADER, callerTokens.sign(caller, timeout.plusSeconds(10)))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            boolean applied = response.statusCode() == 200 && json.readTree(response.body()).path("applied").asBoolean();
            if (!applied) {
                log.warn("Read side did not show {} {} version {} within {}", resourceType, resourceId, version, timeout);
            }
            return applied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Could not ask the read side about {} {}: {}", resourceType, resourceId, e.toString());
            return false;
        }
    }
}
