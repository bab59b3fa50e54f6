package org.eventscim.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.eventscim.gateway.metrics.ScimRequestMetrics;
import org.eventscim.protocol.ScimMediaType;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.caller.Scopes;
import org.eventscim.protocol.error.ScimErrorResponses;
import org.eventscim.protocol.error.ScimException;
import org.eventscim.protocol.internal.ServiceHttpClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Forwards authenticated SCIM requests to the service that owns them, with a signed caller token in
 * place of the client's credentials, once the token's tenant matches a tenant named in the path and the
 * token has the scope the request needs. The audit API ({@code GET /audit/v1/...}, scope {@code audit:read}) is
 * forwarded the same way: the chain's verification and a tenant's replay to the command-service (which decides
 * which tenants the caller may verify or replay), every other audit read, always of the token's own tenant, to
 * the query-service; an export or a replay is streamed through as it comes. Hand-written on a pooled blocking HTTP
 * client ({@link ServiceHttpClients}): a full gateway framework would bring far more than routing by method and path
 * needs.
 */
@RestController
class ScimForwarder {

    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH);
    private static final Set<String> NOT_RETURNED = Set.of(
            "connection", "content-length", "transfer-encoding", "keep-alive", "date", "server");

    /** As many connections to a service as Tomcat's 200 request threads can use at once. */
    private final CloseableHttpClient http = ServiceHttpClients.pooled(200, Duration.ofSeconds(2));
    private final Routes routes;
    private final CallerTokenCodec callerTokens;
    private final Duration callerTokenLifetime;
    private final RequestConfig responseTimeout;
    private final ObjectMapper json;
    private final long maxBodyBytes;
    private final int maxTargetLength;

    ScimForwarder(Routes routes, CallerTokenCodec callerTokens, RouteProperties properties,
                  @Value("${scim.internal.caller-token-lifetime}") Duration callerTokenLifetime, ObjectMapper json,
                  @Value("${scim.limits.max-body-size}") DataSize maxBodySize,
                  @Value("${scim.limits.max-target-length}") int maxTargetLength) {
        this.routes = routes;
        this.callerTokens = callerTokens;
        this.callerTokenLifetime = callerTokenLifetime;
        this.responseTimeout = RequestConfig.custom().setResponseTimeout(Timeout.of(properties.timeout())).build();
        this.json = json;
        this.maxBodyBytes = maxBodySize.toBytes();
        this.maxTargetLength = maxTargetLength;
    }

    @RequestMapping(ScimPath.BASE + "/**")
    ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException {
        AuthenticatedClient client = (AuthenticatedClient) request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE);
        requireShortTarget(request);
        requireJsonAcceptable(request);
        ScimPath path = ScimPath.parse(request.getRequestURI());
        if (path.tenantId() != null && !path.tenantId().equals(client.tenantId())) {
            // The same answer whether or not that tenant exists: a token learns nothing about other tenants.
            throw ScimException.notFound("No such endpoint.");
        }
        requireScope(client, Routes.isRead(request.getMethod(), path.servicePath()) ? Scopes.SCIM_READ : Scopes.SCIM_WRITE);
        String target = routes.serviceFor(request.getMethod(), path.servicePath()) + path.servicePath() + query(request);
        return send(request, target, caller(request, client, path.base(), requestId(request)), boundedBody(request));
    }

    @GetMapping(Routes.AUDIT + "/**")
    ResponseEntity<byte[]> forwardAudit(HttpServletRequest request) throws IOException {
        AuthenticatedClient client = (AuthenticatedClient) request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE);
        requireScope(client, Scopes.AUDIT_READ);
        requireShortTarget(request);
        String path = request.getRequestURI();
        // Past resources carry meta.location, which names them under the SCIM base URL.
        String base = path.startsWith(Routes.AUDIT_CHAIN + "/") ? Routes.AUDIT_CHAIN : ScimPath.BASE;
        return send(request, auditTarget(request), caller(request, client, base, requestId(request)), new byte[0]);
    }

    @GetMapping({Routes.AUDIT_EXPORT, Routes.AUDIT_REPLAY})
    void forwardAuditStream(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuthenticatedClient client = (AuthenticatedClient) request.getAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE);
        requireScope(client, Scopes.AUDIT_READ);
        requireShortTarget(request);
        Caller caller = caller(request, client, ScimPath.BASE, requestId(request));
        long upstreamStarted = System.nanoTime();
        try {
            http.execute(outgoing(request, auditTarget(request), caller, new byte[0]), upstream -> {
                request.setAttribute(ScimRequestMetrics.UPSTREAM_NANOS_ATTRIBUTE, System.nanoTime() - upstreamStarted);
                response.setStatus(upstream.getCode());
                returnedHeaders(upstream).forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                response.setHeader(RequestIds.HEADER, caller.requestId());
                if (upstream.getEntity() != null) {
                    upstream.getEntity().writeTo(response.getOutputStream());
                }
                return null;
            });
        } catch (IOException failed) {
            if (response.isCommitted()) {
                throw failed;
            }
            throw unavailable();
        }
    }

    /** RFC 9110 §15.5.15: a target longer than the services accept is refused here, with its reason. */
    private void requireShortTarget(HttpServletRequest request) {
        String query = request.getQueryString();
        int length = request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
        if (length > maxTargetLength) {
            throw new ScimException(HttpStatus.URI_TOO_LONG, null, "The request target is " + length
                    + " characters long; at most " + maxTargetLength + " are accepted. Send long filters with POST .search.");
        }
    }

    /**
     * Every SCIM answer is JSON (RFC 7644 §3.1): a client whose Accept rules out both application/scim+json and
     * application/json gets 406 (RFC 9110 §15.5.7). An Accept that cannot be parsed is not held against it.
     */
    private static void requireJsonAcceptable(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException unreadable) {
            return;
        }
        boolean json = accepted.stream().anyMatch(type -> type.getQualityValue() > 0
                && (type.isCompatibleWith(ScimMediaType.APPLICATION_SCIM_JSON) || type.isCompatibleWith(MediaType.APPLICATION_JSON)));
        if (!json) {
            throw new ScimException(HttpStatus.NOT_ACCEPTABLE, null,
                    "SCIM answers are application/scim+json or application/json; Accept allows neither: " + accept);
        }
    }

    private String auditTarget(HttpServletRequest request) {
        return routes.serviceFor(request.getMethod(), request.getRequestURI()) + request.getRequestURI() + query(request);
    }

    private ResponseEntity<byte[]> send(HttpServletRequest request, String target, Caller caller, byte[] body)
            throws IOException {
        String requestId = caller.requestId();
        long upstreamStarted = System.nanoTime();
        try {
            return http.execute(outgoing(request, target, caller, body), response -> {
                request.setAttribute(ScimRequestMetrics.UPSTREAM_NANOS_ATTRIBUTE, System.nanoTime() - upstreamStarted);
                HttpHeaders headers = returnedHeaders(response);
                headers.set(RequestIds.HEADER, requestId);
                byte[] returned = response.getEntity() == null ? null : EntityUtils.toByteArray(response.getEntity());
                return ResponseEntity.status(response.getCode()).headers(headers).body(returned);
            });
        } catch (IOException unreachable) {
            ScimException unavailable = unavailable();
            return ResponseEntity.status(unavailable.status())
                    .contentType(ScimMediaType.APPLICATION_SCIM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, ScimErrorResponses.RETRY_AFTER_SECONDS)
                    .header(RequestIds.HEADER, requestId)
                    .body(json.writeValueAsBytes(unavailable.toBody()));
        }
    }

    private ClassicHttpRequest outgoing(HttpServletRequest request, String target, Caller caller, byte[] body) {
        HttpUriRequestBase outgoing = new HttpUriRequestBase(request.getMethod(), URI.create(target));
        outgoing.setConfig(responseTimeout);
        outgoing.setHeader(Caller.HEADER, callerTokens.sign(caller, callerTokenLifetime));
        if (body.length > 0) {
            outgoing.setEntity(new ByteArrayEntity(body, null));
        }
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                outgoing.setHeader(name, value);
            }
        }
        return outgoing;
    }

    private static HttpHeaders returnedHeaders(ClassicHttpResponse response) {
        HttpHeaders headers = new HttpHeaders();
        for (Header header : response.getHeaders()) {
            if (!NOT_RETURNED.contains(header.getName().toLowerCase(Locale.ROOT))) {
                headers.add(header.getName(), header.getValue());
            }
        }
        return headers;
    }

    private static ScimException unavailable() {
        return new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null, "The service is temporarily unavailable; retry later.");
    }

    private static String requestId(HttpServletRequest request) {
        return RequestIds.from(request.getHeader(RequestIds.HEADER));
    }

    private static String query(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? "" : "?" + query;
    }

    /** Reads at most the configured limit, whether or not the client declared a Content-Length. */
    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = request.getInputStream().readNBytes((int) maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    /** The services check scopes too; checking here spares them requests that cannot succeed. */
    private static void requireScope(AuthenticatedClient client, String scope) {
        if (!client.hasScope(scope)) {
            throw ScimException.forbidden("This token lacks the " + scope + " scope.");
        }
    }

    private ScimException tooLarge() {
        return new ScimException(HttpStatus.PAYLOAD_TOO_LARGE, null,
                "The request body exceeds " + maxBodyBytes + " bytes.");
    }

    /** The base URL is the one the client used, tenant segment included, so that meta.location works for it. */
    private static Caller caller(HttpServletRequest request, AuthenticatedClient client, String basePath, String requestId) {
        String host = request.getHeader(HttpHeaders.HOST);
        String baseUrl = request.getScheme() + "://" + (host != null ? host : request.getServerName() + ":" + request.getServerPort())
                + basePath;
        return new Caller(client.tenantId(), client.tokenId(), client.name(), client.scopes(),
                request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), requestId, baseUrl);
    }
}
