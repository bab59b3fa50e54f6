package org.eventscim.command.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.internal.ServiceHttpClients;
import org.eventscim.protocol.resource.ScimResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A written resource as the query-service renders it, for the write's response. RFC 7644 §3.5.1 and §3.5.2 answer
 * a write with the whole resource, and part of it lives only on the read side: a user's {@code groups}, the
 * {@code display} of a group's members. Asked only once the read side shows the write
 * ({@link ReadSideAwaiter}), and only for resources that have such attributes, so a create costs nothing more.
 */
@Component
public class ReadSideResources {

    private static final Logger log = LoggerFactory.getLogger(ReadSideResources.class);
    private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(30);

    private final CloseableHttpClient http = ServiceHttpClients.pooled(256, Duration.ofSeconds(2));
    private final String queryServiceUrl;
    private final CallerTokenCodec callerTokens;
    private final ObjectMapper json;

    ReadSideResources(@Value("${scim.query-service.url}") String queryServiceUrl, CallerTokenCodec callerTokens,
                      ObjectMapper json) {
        this.queryServiceUrl = queryServiceUrl;
        this.callerTokens = callerTokens;
        this.json = json;
    }

    /**
     * The resource ({@code Users} or {@code Groups}) as a GET now returns it, if that is still {@code version};
     * empty when a later write came first, the read side cannot answer or the caller has no {@code scim:read}, and
     * the caller renders what it has.
     */
    public Optional<ObjectNode> read(Caller caller, String endpoint, String id, long version) {
        // What only the read side has is only for callers that may read it.
        if (!caller.hasScope(Scopes.SCIM_READ)) {
            return Optional.empty();
        }
        HttpGet request = new HttpGet(queryServiceUrl + "/scim/v2/" + endpoint + "/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8));
        request.setHeader(Caller.HEADER, callerTokens.sign(caller, TOKEN_LIFETIME));
        try {
            JsonNode resource = http.execute(request, response -> response.getCode() == 200
                    ? json.readTree(EntityUtils.toByteArray(response.getEntity())) : null);
            return resource instanceof ObjectNode object
                    && ScimResources.etag(version).equals(object.path("meta").path("version").asText())
                    ? Optional.of(object) : Optional.empty();
        } catch (Exception e) {
            log.warn("Could not read {} {} back from the read side: {}", endpoint, id, e.toString());
            return Optional.empty();
        }
    }
}
