package org.eventscim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * A minimal SCIM client: bearer token, SCIM JSON, keep-alive connections. Blocking, so that a measured request
 * is the calling thread's own I/O and not also hand-offs between a client's selector and worker threads.
 */
final class ScimHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType SCIM_JSON = ContentType.create("application/scim+json", StandardCharsets.UTF_8);

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(256)
                    .setMaxConnPerRoute(256)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5)).build())
                    .build())
            // Long enough for a DELETE that takes a user out of a thousand groups.
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(120)).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .build();
    private final String baseUrl;
    private final String token;

    ScimHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    record Reply(int status, JsonNode body) {
    }

    Reply send(String method, String path, String body) throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method)
                .setUri(baseUrl + path)
                .setHeader("Authorization", "Bearer " + token)
                .setHeader("Accept", "application/scim+json");
        if (body != null) {
            request.setEntity(new StringEntity(body, SCIM_JSON));
        }
        return http.execute(request.build(), response -> {
            String returned = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Reply(response.getCode(), returned.isEmpty() ? null : JSON.readTree(returned));
        });
    }

    /** The gateway's Prometheus metrics; the token must be an admin token of the operator's tenant. */
    String gatewayMetrics() throws IOException {
        HttpGet request = new HttpGet(baseUrl.replaceFirst("/scim/v2.*$", "") + "/actuator/prometheus");
        request.setHeader("Authorization", "Bearer " + token);
        return http.execute(request, response -> {
            if (response.getCode() != 200) {
                throw new IllegalStateException("The gateway's metrics answered " + response.getCode()
                        + "; SCIM_TOKEN must be an admin token of the operator's tenant");
            }
            return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        });
    }

    static String filter(String resourceType, String filter) {
        return "/" + resourceType + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }
}
