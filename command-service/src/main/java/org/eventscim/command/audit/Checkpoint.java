package org.eventscim.command.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A signed statement that a tenant's chain had {@code hash} as its link at {@code position} at {@code signedAt}.
 * The signature covers {@link #signedBytes()}: the text {@value #DOMAIN}, then the tenant (4-byte big-endian
 * length, UTF-8), the position (8 bytes), the hash (4-byte length, bytes) and the time in epoch milliseconds
 * (8 bytes), all big-endian.
 */
record Checkpoint(String tenant, long position, byte[] hash, Instant signedAt, String keyId, byte[] signature) {

    static final String DOMAIN = "eventscim-audit-checkpoint-v1";

    static Checkpoint sign(String tenant, long position, byte[] hash, Instant now, SigningKey key) {
        Instant signedAt = Instant.ofEpochMilli(now.toEpochMilli());
        return new Checkpoint(tenant, position, hash, signedAt, key.id(),
                key.sign(signedBytes(tenant, position, hash, signedAt)));
    }

    byte[] signedBytes() {
        return signedBytes(tenant, position, hash, signedAt);
    }

    private static byte[] signedBytes(String tenant, long position, byte[] hash, Instant signedAt) {
        byte[] tenantBytes = tenant.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(DOMAIN.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(tenantBytes.length).array());
        bytes.writeBytes(tenantBytes);
        bytes.writeBytes(ByteBuffer.allocate(8).putLong(position).array());
        bytes.writeBytes(ByteBuffer.allocate(4).putInt(hash.length).array());
        bytes.writeBytes(hash);
        bytes.writeBytes(ByteBuffer.allocate(8).putLong(signedAt.toEpochMilli()).array());
        return bytes.toByteArray();
    }
}
