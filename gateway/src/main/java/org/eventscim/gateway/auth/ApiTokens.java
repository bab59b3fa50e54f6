package org.eventscim.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens: 256 random bits, stored only as a SHA-256 hash. Looking a token up by its hash
 * compares nothing secret-dependent in application code, so there is no timing side channel.
 */
@Component
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuthenticatedClient> authenticate(String secret) {
        List<AuthenticatedClient> found = jdbc.query("""
                        SELECT id, tenant_id, name, scopes FROM api_token
                        WHERE token_hash = ? AND revoked_at IS NULL""",
                (row, index) -> new AuthenticatedClient(row.getString("tenant_id"), row.getString("id"),
                        row.getString("name"), scopes(row.getString("scopes"))),
                hash(secret));
        return found.stream().findFirst();
    }

    /** Issues a new token and returns its secret, which is not stored and cannot be shown again. */
    public String issue(String tenantId, String name, Set<String> scopes) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "scim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        register(tenantId, name, scopes, secret);
        return secret;
    }

    /** Registers a secret chosen by the operator (the configured bootstrap token), once. */
    public void register(String tenantId, String name, Set<String> scopes, String secret) {
        jdbc.update("""
                INSERT INTO api_token (id, tenant_id, name, token_hash, scopes) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (token_hash) DO NOTHING""",
                UUID.randomUUID().toString(), tenantId, name, hash(secret), String.join(" ", scopes));
    }

    public boolean hasActiveToken(String tenantId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM api_token WHERE tenant_id = ? AND revoked_at IS NULL", Integer.class, tenantId);
        return count != null && count > 0;
    }

    private static Set<String> scopes(String stored) {
        return new HashSet<>(Arrays.asList(stored.split(" ")));
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
