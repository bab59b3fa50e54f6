package org.eventscim.gateway.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.eventscim.gateway.auth.BearerTokenFilter;
import org.eventscim.gateway.routing.RequestIds;
import org.eventscim.gateway.routing.RouteProperties;
import org.eventscim.protocol.caller.Caller;
import org.eventscim.protocol.caller.CallerTokenCodec;
import org.eventscim.protocol.error.ScimException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/v1/read-models}: the operator rebuilds the users, groups and memberships read models from the
 * event store ({@code POST /rebuild}, {@code ?deletePrevious=true} to delete the replaced indexes) and follows it
 * ({@code GET /rebuild}), and looks after the projection's dead letters ({@code GET /dead-letters},
 * {@code POST /dead-letters/replay}). The read models serve every tenant, so only the operator's tenant may,
 * with the {@code admin} scope. Forwarded to the query-service's {@code /internal/read-models/...}, which does
 * the work and answers.
 */
@RestController
@RequestMapping("/admin/v1/read-models")
class ReadModelsController {

    private static final String TARGET = "/internal/read-models";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AdminAccess access;
    private final CallerTokenCodec callerTokens;
    private final Duration callerTokenLifetime;
    private final RouteProperties routes;

    ReadModelsController(AdminAccess access, CallerTokenCodec callerTokens, RouteProperties routes,
                         @Value("${scim.internal.caller-token-lifetime}") Duration callerTokenLifetime) {
        this.access = access;
        this.callerTokens = callerTokens;
        this.routes = routes;
        this.callerTokenLifetime = callerTokenLifetime;
    }

    @PostMapping("/rebuild")
    ResponseEntity<byte[]> rebuild(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                                   @RequestParam(defaultValue = "false") boolean deletePrevious,
                                   HttpServletRequest request) throws InterruptedException {
        access.requireOperator(client);
        return forward(request, client, "POST", "/rebuild?deletePrevious=" + deletePrevious);
    }

    @GetMapping("/rebuild")
    ResponseEntity<byte[]> status(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                                  HttpServletRequest request) throws InterruptedException {
        access.requireOperator(client);
        return forward(request, client, "GET", "/rebuild");
    }

    @GetMapping("/dead-letters")
    ResponseEntity<byte[]> deadLetters(@RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client,
                                       HttpServletRequest request) throws InterruptedException {
        access.requireOperator(client);
        return forward(request, client, "GET", "/dead-letters");
    }

    @PostMapping("/dead-letters/replay")
    ResponseEntity<byte[]> replayDeadLetters(
            @RequestAttribute(BearerTokenFilter.CLIENT_ATTRIBUTE) AuthenticatedClient client, HttpServletRequest request)
            throws InterruptedException {
        access.requireOperator(client);
        return forward(request, client, "POST", "/dead-letters/replay");
    }

    private ResponseEntity<byte[]> forward(HttpServletRequest request, AuthenticatedClient client, String method,
                                           String path) throws InterruptedException {
        String requestId = RequestIds.from(request.getHeader(RequestIds.HEADER));
        Caller caller = new Caller(client.tenantId(), client.tokenId(), client.name(), client.scopes(),
                request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), requestId, null);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(routes.queryUrl() + TARGET + path))
                    .timeout(routes.timeout())
                    .header(Caller.HEADER, callerTokens.sign(caller, callerTokenLifetime))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unreachable) {
            throw new ScimException(HttpStatus.SERVICE_UNAVAILABLE, null, "The query-service is unavailable; retry later.");
        }
        return ResponseEntity.status(response.statusCode())
                .contentType(response.headers().firstValue(HttpHeaders.CONTENT_TYPE).map(MediaType::parseMediaType)
                        .orElse(MediaType.APPLICATION_JSON))
                .header(RequestIds.HEADER, requestId)
                .body(response.body());
    }
}
