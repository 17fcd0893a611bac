package io.redoubt.acl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A clear-text password on its way to being hashed or compared. Its {@code toString} never shows the
 * value, so a secret that reaches a log line or an exception message by mistake stays hidden.
 */
public final class Secret {
    private final byte[] value;

    private Secret(byte[] value) {
        this.value = value;
    }

    public static Secret of(byte[] value) {
        return new Secret(value.clone());
    }

    public static Secret of(String value) {
        return new Secret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the clear text, as ACL users store it. */
    public PasswordHash hash() {
        return PasswordHash.of(value);
    }

    /** Overwrites the clear text once it is no longer needed. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
