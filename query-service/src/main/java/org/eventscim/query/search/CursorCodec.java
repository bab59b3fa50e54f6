package org.eventscim.query.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eventscim.protocol.error.ScimException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns {@link PageCursor}s into the opaque {@code nextCursor} values clients get and back:
 * {@code base64url(json) "." base64url(HMAC-SHA256)}. The key is derived from the internal secret, so
 * only this service can issue a cursor, and one that was changed or forged in any way is refused.
 *
 * <p>Errors are RFC 9865's: 400 {@code invalidCursor} for a cursor that is not this service's, or not
 * for this tenant, resource type, filter and sort; 400 {@code expiredCursor} once {@code cursorTimeout}
 * has passed since its page.
 */
@Component
public class CursorCodec {

    private static final String ALGORITHM = "HmacSHA256";
    /** Separates the cursor key from every other use of the internal secret. */
    private static final byte[] KEY_PURPOSE = "eventscim query-service cursor key v1".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec key;
    private final SearchProperties limits;
    private final Clock clock;

    @Autowired
    CursorCodec(@Value("${scim.internal.secret:}") String secret, SearchProperties limits) {
        this(secret, limits, Clock.systemUTC());
    }

    CursorCodec(String secret, SearchProperties limits, Clock clock) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), KEY_PURPOSE),
                ALGORITHM);
        this.limits = limits;
        this.clock = clock;
    }

    /** Seconds since the epoch, as {@link PageCursor#issuedAt} counts them. */
    public long now() {
        return clock.instant().getEpochSecond();
    }

    public String encode(PageCursor cursor) {
        try {
            byte[] payload = JSON.writeValueAsBytes(cursor);
            return BASE64.encodeToString(payload) + "." + BASE64.encodeToString(mac(key, payload));
        } catch (IOException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    /** The cursor {@code value} encodes, if it was issued for exactly this tenant, resource type and query. */
    public PageCursor decode(String value, String resourceType, String tenant, String query) {
        int dot = value.indexOf('.');
        PageCursor cursor;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(value.substring(0, Math.max(dot, 0)));
            byte[] signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
            if (dot < 0 || !MessageDigest.isEqual(signature, mac(key, payload))) {
                throw invalid("The cursor was not issued by this service or was changed.");
            }
            cursor = JSON.readValue(payload, PageCursor.class);
        } catch (IllegalArgumentException | IOException malformed) {
            throw invalid("The cursor is malformed.");
        }
        if (!cursor.tenant().equals(tenant) || !cursor.resourceType().equals(resourceType)) {
            throw invalid("The cursor belongs to another tenant or resource type.");
        }
        if (!cursor.query().equals(query)) {
            throw invalid("The cursor was issued for another filter or sort; keep them while paging.");
        }
        if (now() - cursor.issuedAt() > limits.cursorTimeout().toSeconds()) {
            throw expired();
        }
        return cursor;
    }

    public static ScimException expired() {
        return new ScimException(HttpStatus.BAD_REQUEST, "expiredCursor",
                "The cursor has expired; start again with an empty cursor.");
    }

    static ScimException invalid(String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, "invalidCursor", detail
                + " Give an empty cursor for the first page, then each response's nextCursor.");
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
