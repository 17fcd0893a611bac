package io.redoubt.security.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Seals secrets for the cluster store with AES-256-GCM under a {@link NodeMasterKey}. Envelope format 1:
 * <pre>
 *   byte 0       format (1)
 *   bytes 1..8   key id of the master key that sealed it
 *   bytes 9..20  nonce (96 random bits, new for every seal)
 *   bytes 21..   ciphertext followed by the 128-bit GCM tag
 * </pre>
 * The header (bytes 0..8) and the caller's {@code purpose} (e.g. {@code "certificate/api/key"}) are
 * authenticated as associated data, so a changed byte anywhere, or an envelope moved to another
 * purpose in the store, fails to open instead of yielding the wrong secret. With a random 96-bit nonce
 * one key may seal up to 2^32 secrets, far more than a store holds. A golden-file test pins this format.
 */
public final class SecretSealer {
    public static final byte FORMAT = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int HEADER_BYTES = 1 + NodeMasterKey.KEY_ID_BYTES;
    static final int MIN_LENGTH = HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NodeMasterKey masterKey;

    public SecretSealer(NodeMasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** {@code secret} sealed for {@code purpose}. */
    public byte[] seal(byte[] secret, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(secret, purpose, nonce);
    }

    /** With a given nonce: only the golden-file test, which must produce the same bytes every time. */
    byte[] seal(byte[] secret, String purpose, byte[] nonce) {
        byte[] header = header(FORMAT, masterKey.keyIdBytes());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey.aesKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header, purpose));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    /**
     * The secret in {@code envelope}, sealed for {@code purpose}.
     *
     * @throws SealedSecretException when the envelope is truncated, of an unknown format, sealed under
     *                               another master key, altered, or sealed for another purpose
     */
    public byte[] unseal(byte[] envelope, String purpose) throws SealedSecretException {
        if (envelope == null || envelope.length < MIN_LENGTH) {
            throw new SealedSecretException("The sealed secret for '" + purpose + "' is truncated ("
                    + (envelope == null ? 0 : envelope.length) + " bytes, at least " + MIN_LENGTH
                    + " needed): restore it from a backup or set it again");
        }
        if (envelope[0] != FORMAT) {
            throw new SealedSecretException("The sealed secret for '" + purpose + "' has format " + envelope[0]
                    + ", this node reads format " + FORMAT + ": upgrade the node");
        }
        byte[] keyId = Arrays.copyOfRange(envelope, 1, HEADER_BYTES);
        if (!MessageDigest.isEqual(keyId, masterKey.keyIdBytes())) {
            throw new SealedSecretException("The secret for '" + purpose + "' was sealed under master key "
                    + HexFormat.of().formatHex(keyId) + ", this node has master key " + masterKey.keyId()
                    + ": start the node with the master key it was sealed with");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey.aesKey(), new GCMParameterSpec(TAG_BITS, envelope,
                    HEADER_BYTES, NONCE_BYTES));
            cipher.updateAAD(associatedData(Arrays.copyOf(envelope, HEADER_BYTES), purpose));
            return cipher.doFinal(envelope, HEADER_BYTES + NONCE_BYTES, envelope.length - HEADER_BYTES - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedSecretException("The sealed secret for '" + purpose + "' was altered or was sealed for "
                    + "another purpose: restore it from a backup or set it again", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    /** A private key (its PKCS#8 encoding) sealed for {@code purpose}. */
    public byte[] sealPrivateKey(PrivateKey key, String purpose) {
        byte[] encoded = key.getEncoded();
        try {
            return seal(encoded, purpose);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The private key sealed by {@link #sealPrivateKey} for {@code purpose}. */
    public PrivateKey unsealPrivateKey(byte[] envelope, String purpose) throws SealedSecretException {
        byte[] encoded = unseal(envelope, purpose);
        try {
            return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(encoded));
        } catch (java.io.IOException | RuntimeException e) {
            throw new SealedSecretException("The secret for '" + purpose + "' is not a private key: set the "
                    + "certificate and key again", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private static byte[] header(byte format, byte[] keyId) {
        return ByteBuffer.allocate(HEADER_BYTES).put(format).put(keyId).array();
    }

    private static byte[] associatedData(byte[] header, String purpose) {
        byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + p.length).put(header).put(p).array();
    }
}
