package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.eventscim.command.audit.AuditFixtures.event;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantChainsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    @TempDir
    Path keys;

    @Test
    void eachTenantHasItsOwnChainNumberedFromOne() {
        TenantChains chains = new TenantChains(new HashMap<>());

        List<ChainLink> links = chains.append(List.of(event(1, "acme", "{}"), event(2, "globex", "{}"), event(3, "acme", "{}")));

        assertThat(links).extracting(ChainLink::tenant, ChainLink::position, ChainLink::eventId).containsExactly(
                tuple("acme", 1L, "event-1"),
                tuple("globex", 1L, "event-2"),
                tuple("acme", 2L, "event-3"));
    }

    @Test
    void aLinkIsTheHashOfThePreviousLinkAndTheCanonicalBytes() throws Exception {
        TenantChains chains = new TenantChains(new HashMap<>());
        StoredEvent first = event(1, "acme", "{\"userName\":\"alice\"}");
        StoredEvent second = event(2, "acme", "{\"userName\":\"bob\"}");

        List<ChainLink> links = chains.append(List.of(first, second));

        byte[] link1 = sha256(new byte[32], CanonicalEvent.encode(first));
        assertThat(links.get(0).hash()).isEqualTo(link1);
        assertThat(links.get(1).hash()).isEqualTo(sha256(link1, CanonicalEvent.encode(second)));
    }

    @Test
    void chainingGoesOnFromTheStoredHead() {
        TenantChains once = new TenantChains(new HashMap<>());
        List<ChainLink> all = once.append(List.of(event(1, "acme", "{}"), event(2, "acme", "{}")));
        TenantChains resumed = new TenantChains(new HashMap<>(Map.of("acme",
                new ChainHead(1, all.get(0).hash(), 0, null))));

        assertThat(resumed.append(List.of(event(2, "acme", "{}"))).getFirst().hash()).isEqualTo(all.get(1).hash());
    }

    @Test
    void aTenantThatGainedLinksIsCheckpointedAtOnceThenAtMostOncePerInterval() {
        SigningKey key = SigningKey.loadOrCreate(keys.resolve("key.pem"));
        TenantChains chains = new TenantChains(new HashMap<>());
        List<ChainLink> links = chains.append(List.of(event(1, "acme", "{}"), event(2, "acme", "{}")));

        List<Checkpoint> first = chains.checkpointsDue(NOW, MINUTE, key);
        assertThat(first).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.position()).isEqualTo(2);
            assertThat(checkpoint.hash()).isEqualTo(links.getLast().hash());
            assertThat(checkpoint.keyId()).isEqualTo(key.id());
            assertThat(key.verifies(checkpoint.signedBytes(), checkpoint.signature())).isTrue();
        });
        assertThat(chains.checkpointsDue(NOW.plusSeconds(90), MINUTE, key)).as("nothing new").isEmpty();

        chains.append(List.of(event(3, "acme", "{}")));
        assertThat(chains.checkpointsDue(NOW.plusSeconds(30), MINUTE, key)).as("too soon").isEmpty();
        assertThat(chains.checkpointsDue(NOW.plusSeconds(60), MINUTE, key)).extracting(Checkpoint::position).containsExactly(3L);
    }

    private static byte[] sha256(byte[] previous, byte[] canonical) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(previous);
        bytes.writeBytes(canonical);
        return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
    }
}
