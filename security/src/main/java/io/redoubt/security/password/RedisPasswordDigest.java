package io.redoubt.security.password;

import io.redoubt.security.Secret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A password in the form a Redis data plane keeps it: the SHA-256 of its UTF-8 bytes as 64 lower-case
 * hex digits (what {@code ACL SETUSER u #<hex>} takes and {@code ACL LIST} shows). The control plane
 * computes it when a user's password is set, so a database can check {@code AUTH} without the clear
 * password ever being stored. The same digest as {@code io.redoubt.acl.PasswordHash}, which the
 * {@code security} module cannot import ({@code acl} sits above it); a test pins both to Redis's
 * documented example.
 */
public final class RedisPasswordDigest {
    private RedisPasswordDigest() {
    }

    /** The 64 lower-case hex digits of SHA-256 over the password's UTF-8 bytes. */
    public static String sha256Hex(Secret password) {
        char[] chars = password.reveal();
        byte[] bytes = PasswordHasher.utf8(chars);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
