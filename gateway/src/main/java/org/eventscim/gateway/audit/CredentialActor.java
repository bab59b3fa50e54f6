package org.eventscim.gateway.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.eventscim.gateway.auth.AuthenticatedClient;
import org.springframework.http.HttpHeaders;

/** Who caused a credential event and from where; the gateway itself ({@code system}) for automatic ones. */
public record CredentialActor(String id, String name, String sourceIp, String userAgent, String requestId) {

    public static CredentialActor of(AuthenticatedClient client, HttpServletRequest request) {
        return new CredentialActor(client.tokenId(), client.name(), request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT), UUID.randomUUID().toString());
    }

    public static CredentialActor system(HttpServletRequest request) {
        return new CredentialActor("system", "gateway", request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT), UUID.randomUUID().toString());
    }
}
