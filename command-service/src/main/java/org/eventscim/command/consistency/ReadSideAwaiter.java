package org.eventscim.command.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.consistency.ResourceKey;
import org.eventscim.protocol.internal.ServiceHttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: before a write is answered, waits (bounded) until the query-service shows the new
 * version, so an IdP that reads right after a write sees it. The write itself is already durable.
 * While the query-service's applied feed is connected ({@link AppliedFeedClient}) the write waits there, at no
 * cost per write, for up to {@code feed-wait}; otherwise, or when the feed has not told by then (the version
 * applied before the feed connected, a resource held behind a dead letter, another query-service instance
 * applying it), it asks the query-service ({@code /internal/applied}), which looks into the read model.
 */
@Component
public class ReadSideAwaiter {

    private static final Logger log = LoggerFactory.getLogger(ReadSideAwaiter.class);

    /** One connection per write waiting at once; Tomcat serves at most 200 requests at a time. */
    private final CloseableHttpClient http = ServiceHttpClients.pooled(256, Duration.ofSeconds(2));
    private final String queryServiceUrl;
    private final Duration timeout;
    private final AppliedFeedClient feed;
    private final Duration feedWait;
    private final CallerTokenCodec callerTokens;
    private final ObjectMapper json;
    private final Counter asks;

    ReadSideAwaiter(@Value("${scim.query-service.url}") String queryServiceUrl,
                    @Value("${scim.read-your-writes.timeout}") Duration timeout, AppliedFeedClient feed,
                    @Value("${scim.read-your-writes.feed-wait}") Duration feedWait,
                    CallerTokenCodec callerTokens, ObjectMapper json, MeterRegistry meters) {
        this.queryServiceUrl = queryServiceUrl;
        this.timeout = timeout;
        this.feed = feed;
        this.feedWait = feedWait;
        this.callerTokens = callerTokens;
        this.json = json;
        this.asks = Counter.builder("scim.read_side.asks")
                .description("Writes that asked /internal/applied: the feed was down, had not told in time, or the write appended nothing")
                .register(meters);
    }

    /**
     * True once the read side shows at least {@code version} of the resource; false after the timeout. A version the
     * write did not append (it changed nothing) was applied long ago or is about to be: the feed has told of it or
     * will not, so it is asked for at once.
     */
    public boolean awaitApplied(Caller caller, String resourceType, String resourceId, long version, boolean appended) {
        AppliedFeedClient.Connection connection = feed.current();
        if (connection != null && connection.await(new ResourceKey(caller.tenantId(), resourceType, resourceId), version,
                appended ? feedWait : Duration.ZERO)) {
            return true;
        }
        return ask(caller, resourceType, resourceId, version);
    }

    private boolean ask(Caller caller, String resourceType, String resourceId, long version) {
        asks.increment();
        HttpGet request = new HttpGet(queryServiceUrl + "/internal/applied?resourceType=" + resourceType
                + "&id=" + URLEncoder.encode(resourceId, StandardCharsets.UTF_8)
                + "&version=" + version + "&timeoutMs=" + timeout.toMillis());
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout.plusSeconds(2))).build());
        request.setHeader(Caller.HEADER, callerTokens.sign(caller, timeout.plusSeconds(10)));
        try {
            boolean applied = http.execute(request, response -> response.getCode() == 200
                    && json.readTree(EntityUtils.toByteArray(response.getEntity())).path("applied").asBoolean());
            if (!applied) {
                log.warn("Read side did not show {} {} version {} within {}", resourceType, resourceId, version, timeout);
            }
            return applied;
        } catch (Exception e) {
            log.warn("Could not ask the read side about {} {}: {}", resourceType, resourceId, e.toString());
            return false;
        }
    }
}
