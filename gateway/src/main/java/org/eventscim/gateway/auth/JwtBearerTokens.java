package org.eventscim.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eventscim.gateway.tenant.Tenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * OAuth2 JWT bearer tokens (RFC 9068 style): signature checked against the authorization server's JWKS
 * (fetched and cached by Nimbus), {@code iss}, {@code aud} and expiry checked, the tenant taken from the
 * configured claim (it must be a tenant here) and the scopes from {@code scope} (space-separated) or
 * {@code scp} (a list), keeping only the scopes this service knows. Anything wrong: not authenticated.
 */
@Component
public class JwtBearerTokens {

    private static final Logger log = LoggerFactory.getLogger(JwtBearerTokens.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.EdDSA);

    private final JwtProperties properties;
    private final Tenants tenants;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    JwtBearerTokens(JwtProperties properties, Tenants tenants) throws MalformedURLException {
        this.properties = properties;
        this.tenants = tenants;
        this.processor = properties.enabled() ? processor(properties) : null;
    }

    /** Whether {@code token} is for this authenticator: JWTs are enabled and it has a JWT's shape. */
    public boolean handles(String token) {
        return processor != null && token.startsWith("ey") && token.chars().filter(c -> c == '.').count() == 2;
    }

    public Optional<AuthenticatedClient> authenticate(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception invalid) {
            log.debug("JWT refused: {}", invalid.getMessage());
            return Optional.empty();
        }
        try {
            String tenantId = claims.getStringClaim(properties.tenantClaim());
            if (tenantId == null) {
                return Optional.empty();
            }
            String name = firstNonNull(claims.getStringClaim("azp"), claims.getStringClaim("client_id"), claims.getSubject());
            Set<String> scopes = scopes(claims);
            return tenants.find(tenantId).map(tenant -> new AuthenticatedClient(tenant.id(), "jwt:" + claims.getSubject(),
                    name, scopes, tenant.rateLimitPerMinute()));
        } catch (ParseException wrongClaimType) {
            return Optional.empty();
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        Set<String> granted = new HashSet<>();
        String scope = claims.getStringClaim("scope");
        if (scope != null) {
            granted.addAll(List.of(scope.trim().split("\\s+")));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof Collection<?> list) {
            list.forEach(item -> granted.add(String.valueOf(item)));
        } else if (scp instanceof String text) {
            granted.addAll(List.of(text.trim().split("\\s+")));
        }
        granted.retainAll(ApiTokens.SCOPES);
        return granted;
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(JwtProperties properties) throws MalformedURLException {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(properties.jwksUri()).toURL()).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        JWTClaimsSet exact = properties.issuer() == null || properties.issuer().isBlank()
                ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(properties.issuer()).build();
        String audience = properties.audience() == null || properties.audience().isBlank() ? null : properties.audience();
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, exact, Set.of("sub", "exp")));
        return processor;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
