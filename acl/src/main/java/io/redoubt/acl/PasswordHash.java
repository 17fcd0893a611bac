package io.redoubt.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a password in lower-case hex, as Redis stores ACL passwords ({@code #<hash>} in
 * ACL LIST). Comparison is constant-time so a client cannot learn a hash byte by byte from timing.
 *
 * @param hex 64 lower-case hex digits
 */
public record PasswordHash(String hex) {
    public PasswordHash {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("The password hash must be exactly 64 characters and contain only "
                    + "lowercase hexadecimal characters");
        }
    }

    /** Whether {@code text} is what Redis accepts after {@code #} or {@code !}. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static PasswordHash of(byte[] clearText) {
        return new PasswordHash(HexFormat.of().formatHex(digest(clearText)));
    }

    /** Constant-time check of a clear-text password against this hash. */
    public boolean matches(byte[] clearText) {
        byte[] candidate = HexFormat.of().formatHex(digest(clearText)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(candidate, hex.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] digest(byte[] clearText) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(clearText);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "#" + hex;
    }
}
