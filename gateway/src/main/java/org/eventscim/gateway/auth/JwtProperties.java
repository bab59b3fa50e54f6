package org.eventscim.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code scim.jwt.*}: OAuth2 JWT bearer tokens from an authorization server, accepted beside the opaque
 * tokens when {@code jwksUri} is set. {@code issuer} and {@code audience} must match the token's
 * {@code iss} and {@code aud}; {@code tenantClaim} names the claim that carries the tenant id.
 */
@ConfigurationProperties("scim.jwt")
public record JwtProperties(String issuer, String jwksUri, String audience, String tenantClaim) {

    public boolean enabled() {
        return jwksUri != null && !jwksUri.isBlank();
    }
}
