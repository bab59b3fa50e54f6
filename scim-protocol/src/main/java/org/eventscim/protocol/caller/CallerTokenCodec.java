package org.eventscim.protocol.caller;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventscim.protocol.error.ScimException;

/** Signs and verifies caller tokens: HMAC-SHA256 JWTs that live for seconds, from gateway to service. */
public class CallerTokenCodec {

    private static final String ISSUER = "eventscim-gateway";
    private static final int MINIMUM_SECRET_BYTES = 32;

    /** Both thread-safe; made once, since each builds its key set anew (a share of every request's CPU). */
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    public CallerTokenCodec(String configuredSecret, Clock clock) {
        byte[] secret = secretBytes(configuredSecret);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot use scim.internal.secret as an HMAC key", e);
        }
        this.clock = clock;
    }

    public String sign(Caller caller, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(caller.actorId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("tenant", caller.tenantId())
                .claim("name", caller.actorName())
                .claim("scope", List.copyOf(caller.scopes()))
                .claim("ip", caller.sourceIp())
                .claim("ua", caller.userAgent())
                .claim("rid", caller.requestId())
                .claim("base", caller.baseUrl())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign caller token", e);
        }
    }

    public Caller verify(String token) {
        if (token == null || token.isBlank()) {
            throw ScimException.unauthorized("Requests must come through the gateway.");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw ScimException.unauthorized("Invalid caller token.");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || expiry.toInstant().isBefore(clock.instant())) {
                throw ScimException.unauthorized("Expired or foreign caller token.");
            }
            List<String> scopes = claims.getStringListClaim("scope");
            return new Caller(
                    claims.getStringClaim("tenant"),
                    claims.getSubject(),
                    claims.getStringClaim("name"),
                    scopes == null ? Set.of() : new HashSet<>(scopes),
                    claims.getStringClaim("ip"),
                    claims.getStringClaim("ua"),
                    claims.getStringClaim("rid"),
                    claims.getStringClaim("base"));
        } catch (ParseException | JOSEException | NullPointerException e) {
            throw ScimException.unauthorized("Invalid caller token.");
        }
    }

    private static byte[] secretBytes(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("scim.internal.secret (SCIM_INTERNAL_SECRET) must be set");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = configured.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalStateException("scim.internal.secret must hold at least 32 bytes");
        }
        return bytes;
    }
}
