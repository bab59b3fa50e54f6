package org.eventscim.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    private static final byte[] HASH = new byte[32];
    private static final Instant AT = Instant.parse("2026-11-29T06:00:00.123Z");

    @TempDir
    Path directory;

    @Test
    void aMissingKeyFileIsCreatedAsPemAndLoadsAsTheSameKeyAfterwards() throws Exception {
        Path file = directory.resolve("audit/key.pem");

        SigningKey created = SigningKey.loadOrCreate(file);
        SigningKey loaded = SigningKey.loadOrCreate(file);

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(loaded.id()).isEqualTo(created.id()).hasSize(16);
        Checkpoint checkpoint = Checkpoint.sign("acme", 5, HASH, AT, created);
        assertThat(loaded.verifies(checkpoint.signedBytes(), checkpoint.signature())).isTrue();
    }

    @Test
    void aDerKeyFromElsewhereIsReadWithItsPublicKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = directory.resolve("key.der");
        Files.write(file, pair.getPrivate().getEncoded());

        SigningKey key = SigningKey.loadOrCreate(file);

        assertThat(key.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(key.id()).isEqualTo(SigningKey.idOf(pair.getPublic()));
    }

    @Test
    void aCheckpointWithAnyFieldChangedNoLongerVerifies() {
        SigningKey key = SigningKey.loadOrCreate(directory.resolve("key.pem"));
        Checkpoint signed = Checkpoint.sign("acme", 5, HASH, AT, key);

        assertThat(signed.signedAt()).isEqualTo(Instant.parse("2026-11-29T06:00:00.123Z"));
        assertThat(key.verifies(signed.signedBytes(), signed.signature())).isTrue();
        assertThat(key.verifies(new Checkpoint("acme2", 5, HASH, AT, key.id(), signed.signature()).signedBytes(),
                signed.signature())).isFalse();
        assertThat(key.verifies(new Checkpoint("acme", 6, HASH, AT, key.id(), signed.signature()).signedBytes(),
                signed.signature())).isFalse();
        byte[] otherHash = HASH.clone();
        otherHash[0] = 1;
        assertThat(key.verifies(new Checkpoint("acme", 5, otherHash, AT, key.id(), signed.signature()).signedBytes(),
                signed.signature())).isFalse();
        assertThat(key.verifies(new Checkpoint("acme", 5, HASH, AT.plusMillis(1), key.id(), signed.signature()).signedBytes(),
                signed.signature())).isFalse();
        assertThat(Base64.getEncoder().encodeToString(signed.signature())).hasSize(88);
    }
}
