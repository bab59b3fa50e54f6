package org.eventscim.protocol.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eventscim.protocol.error.ScimException;
import org.junit.jupiter.api.Test;

class CallerTokenCodecTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Caller caller = new Caller("tenant-a", "token-1", "Entra", Set.of(Scopes.SCIM_WRITE),
            "10.0.0.1", "Azure AD SCIM", "req-1", "http://localhost:8080/scim/v2");

    @Test
    void aSignedTokenVerifiesToTheSameCaller() {
        CallerTokenCodec codec = new CallerTokenCodec(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(codec.verify(codec.sign(caller, Duration.ofSeconds(30)))).isEqualTo(caller);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRejected() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        String forged = new CallerTokenCodec("another-secret-of-at-least-32-bytes!!", clock)
                .sign(caller, Duration.ofSeconds(30));

        assertThatThrownBy(() -> new CallerTokenCodec(SECRET, clock).verify(forged))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status().value()).isEqualTo(401));
    }

    @Test
    void anExpiredTokenIsRejected() {
        String token = new CallerTokenCodec(SECRET, Clock.fixed(NOW, ZoneOffset.UTC)).sign(caller, Duration.ofSeconds(30));
        CallerTokenCodec later = new CallerTokenCodec(SECRET, Clock.fixed(NOW.plusSeconds(31), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(ScimException.class);
    }

    @Test
    void aMissingOrGarbledTokenIsRejected() {
        CallerTokenCodec codec = new CallerTokenCodec(SECRET, Clock.systemUTC());

        assertThatThrownBy(() -> codec.verify(null)).isInstanceOf(ScimException.class);
        assertThatThrownBy(() -> codec.verify("not.a.jwt")).isInstanceOf(ScimException.class);
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new CallerTokenCodec("short", Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class);
    }
}
