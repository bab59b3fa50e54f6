package org.eventscim.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventscim.protocol.caller.Scopes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens: 256 random bits, stored only as a SHA-256 hash. Looking a token up by its hash
 * compares nothing secret-dependent in application code, so there is no timing side channel. Every request
 * looks its token up anew (no cache), so a revoked token is refused from the next request on.
 */
@Component
public class ApiTokens {

    /** Every scope a token may hold. */
    public static final Set<String> SCOPES = Set.of(Scopes.SCIM_READ, Scopes.SCIM_WRITE, Scopes.AUDIT_READ, Scopes.ADMIN);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<AuthenticatedClient> authenticate(String secret) {
        List<AuthenticatedClient> found = jdbc.query("""
                        SELECT token.id, token.tenant_id, token.name, token.scopes, tenant.rate_limit_per_minute
                        FROM api_token token JOIN tenant ON tenant.id = token.tenant_id
                        WHERE token.token_hash = ? AND token.revoked_at IS NULL""",
                (row, index) -> new AuthenticatedClient(row.getString("tenant_id"), row.getString("id"),
                        row.getString("name"), Set.copyOf(scopes(row.getString("scopes"))),
                        row.getInt("rate_limit_per_minute")),
                hash(secret));
        return found.stream().findFirst();
    }

    /** Issues a new token; its secret is in the answer and nowhere else, and cannot be shown again. */
    public IssuedToken issue(String tenantId, String name, Collection<String> scopes) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "scim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String id = UUID.randomUUID().toString();
        String stored = stored(scopes);
        Timestamp createdAt = jdbc.queryForObject("""
                        INSERT INTO api_token (id, tenant_id, name, token_hash, scopes) VALUES (?, ?, ?, ?, ?)
                        RETURNING created_at""",
                Timestamp.class, id, tenantId, name, hash(secret), stored);
        return new IssuedToken(id, name, scopes(stored), createdAt.toInstant(), secret);
    }

    /** Registers a secret chosen by the operator (the configured bootstrap token), once. */
    public void register(String tenantId, String name, Collection<String> scopes, String secret) {
        jdbc.update("""
                INSERT INTO api_token (id, tenant_id, name, token_hash, scopes) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (token_hash) DO NOTHING""",
                UUID.randomUUID().toString(), tenantId, name, hash(secret), stored(scopes));
    }

    public boolean hasActiveToken(String tenantId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM api_token WHERE tenant_id = ? AND revoked_at IS NULL", Integer.class, tenantId);
        return count != null && count > 0;
    }

    /** A tenant's tokens, revoked ones included, oldest first; never their secrets. */
    public List<TokenSummary> list(String tenantId) {
        return jdbc.query("""
                        SELECT id, name, scopes, created_at, revoked_at FROM api_token
                        WHERE tenant_id = ? ORDER BY created_at, id""",
                (row, index) -> new TokenSummary(row.getString("id"), row.getString("name"),
                        scopes(row.getString("scopes")), instant(row, "created_at"), instant(row, "revoked_at")),
                tenantId);
    }

    /** Revokes a token of the tenant. Revoking twice keeps the first time. */
    public Revocation revoke(String tenantId, String tokenId) {
        if (jdbc.update("UPDATE api_token SET revoked_at = now() WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL",
                tenantId, tokenId) > 0) {
            return Revocation.REVOKED;
        }
        Integer existing = jdbc.queryForObject("SELECT count(*) FROM api_token WHERE tenant_id = ? AND id = ?",
                Integer.class, tenantId, tokenId);
        return existing != null && existing > 0 ? Revocation.ALREADY_REVOKED : Revocation.NOT_FOUND;
    }

    private static String stored(Collection<String> scopes) {
        return String.join(" ", scopes.stream().sorted().distinct().toList());
    }

    private static List<String> scopes(String stored) {
        return List.of(stored.split(" "));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
