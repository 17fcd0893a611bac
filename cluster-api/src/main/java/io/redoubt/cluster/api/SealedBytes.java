package io.redoubt.cluster.api;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Bytes encrypted by their owner (a private key sealed by the security module) that the store keeps
 * without understanding. Immutable; {@code toString} never shows them; equality is by content.
 */
public final class SealedBytes {
    private final byte[] bytes;

    private SealedBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of already sealed bytes. */
    public static SealedBytes of(byte[] sealed) {
        if (sealed.length == 0) {
            throw new IllegalArgumentException("sealed bytes must not be empty");
        }
        return new SealedBytes(sealed.clone());
    }

    /** The sealed bytes, as a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The sealed bytes in Base64, the form stored formats carry. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static SealedBytes ofBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedBytes other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SealedBytes[" + bytes.length + " bytes]";
    }
}
