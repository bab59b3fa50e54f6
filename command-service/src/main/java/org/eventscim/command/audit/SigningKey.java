package org.eventscim.command.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs checkpoints: a PKCS#8 private key file, PEM or DER. A missing file is created
 * (readable by its owner only), so a fresh installation signs from its first event on; keep the file off the
 * database host, since whoever holds it can sign a rewritten chain. The key id is the first 16 hex digits of
 * SHA-256 over the public key (X.509 DER), recorded with every checkpoint.
 */
final class SigningKey {

    private static final String ALGORITHM = "Ed25519";
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String id;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = idOf(publicKey);
    }

    static SigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return fromPkcs8(pkcs8(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an Ed25519 PKCS#8 private key: " + file, e);
        }
    }

    String id() {
        return id;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verifies(byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    static String idOf(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        byte[] der = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair().getPrivate().getEncoded();
        String pem = PEM_BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n" + PEM_END + "\n";
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's access rules apply.
        }
    }

    private static byte[] pkcs8(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PEM_BEGIN);
        if (begin < 0) {
            return file;
        }
        int end = text.indexOf(PEM_END, begin);
        return Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end < 0 ? text.length() : end));
    }

    private static SigningKey fromPkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new SigningKey(privateKey, publicKeyOf((EdECPrivateKey) privateKey));
    }

    /**
     * The JDK derives no public key from a private one, but its Ed25519 generator takes the private key as the
     * 32 bytes it draws from its random source: handing it exactly these bytes yields their public key.
     */
    private static PublicKey publicKeyOf(EdECPrivateKey privateKey) throws GeneralSecurityException {
        byte[] seed = privateKey.getBytes().orElseThrow(() -> new GeneralSecurityException("The private key hides its bytes"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, bytes.length);
            }
        });
        return generator.generateKeyPair().getPublic();
    }
}
