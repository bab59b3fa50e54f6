package org.eventscim.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private static final String SECRET = "cursor-codec-test-secret-0123456789abcdef";
    private static final SearchProperties LIMITS = new SearchProperties(100, 1000, Duration.ofMinutes(10));
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CursorCodec codec = codec(NOW, SECRET);
    private final PageCursor cursor = new PageCursor("User", "acme", "q1", "pit-id",
            List.of(JSON.textNode("alice"), JSON.numberNode(1735689600000L), JSON.nullNode()), NOW.getEpochSecond(), 1_000_000, 4_000L);

    @Test
    void aCursorComesBackAsIssued() {
        assertThat(codec.decode(codec.encode(cursor), "User", "acme", "q1")).isEqualTo(cursor);
    }

    @Test
    void aChangedCursorIsInvalid() {
        String encoded = codec.encode(cursor);
        String payload = new String(Base64.getUrlDecoder().decode(encoded.substring(0, encoded.indexOf('.'))),
                StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("acme", "evil").getBytes(StandardCharsets.UTF_8)) + encoded.substring(encoded.indexOf('.'));

        assertInvalid(forged, "acme");
        assertInvalid(forged, "evil");
        assertInvalid(encoded.substring(0, encoded.length() - 2), "acme");
        assertInvalid("not-a-cursor", "acme");
        assertInvalid("%%%.***", "acme");
        assertInvalid(codec(NOW, "another-secret-of-another-service-0123456789").encode(cursor), "acme");
    }

    @Test
    void aCursorIsOnlyForItsTenantResourceTypeAndQuery() {
        String encoded = codec.encode(cursor);

        assertInvalid(encoded, "other-tenant");
        assertThatThrownBy(() -> codec.decode(encoded, "Group", "acme", "q1")).isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> codec.decode(encoded, "User", "acme", "q2"))
                .isInstanceOfSatisfying(ScimException.class, failure -> assertThat(failure.scimType()).isEqualTo("invalidCursor"));
    }

    @Test
    void aCursorExpiresAfterTheCursorTimeout() {
        String encoded = codec.encode(cursor);

        assertThat(codec(NOW.plus(Duration.ofMinutes(10)), SECRET).decode(encoded, "User", "acme", "q1")).isEqualTo(cursor);
        assertThatThrownBy(() -> codec(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1), SECRET).decode(encoded, "User", "acme", "q1"))
                .isInstanceOfSatisfying(ScimException.class, failure -> {
                    assertThat(failure.status().value()).isEqualTo(400);
                    assertThat(failure.scimType()).isEqualTo("expiredCursor");
                });
    }

    private void assertInvalid(String value, String tenant) {
        assertThatThrownBy(() -> codec.decode(value, "User", tenant, "q1"))
                .isInstanceOfSatisfying(ScimException.class, failure -> {
                    assertThat(failure.status().value()).isEqualTo(400);
                    assertThat(failure.scimType()).isEqualTo("invalidCursor");
                });
    }

    private static CursorCodec codec(Instant now, String secret) {
        return new CursorCodec(secret, LIMITS, Clock.fixed(now, ZoneOffset.UTC));
    }
}
