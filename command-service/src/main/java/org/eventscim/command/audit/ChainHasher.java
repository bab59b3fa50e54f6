package org.eventscim.command.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes links: link n of a tenant = SHA-256(link n-1 || canonical bytes of event n), link 0 being 32 zero
 * bytes. Holds one digest, so one hasher per thread.
 */
final class ChainHasher {

    static final byte[] GENESIS = new byte[32];

    private final MessageDigest sha256;

    ChainHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    byte[] next(byte[] previous, StoredEvent event) {
        sha256.update(previous);
        CanonicalEvent.writeTo(event, sha256::update);
        return sha256.digest();
    }
}
