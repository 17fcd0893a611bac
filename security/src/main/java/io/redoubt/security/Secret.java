package io.redoubt.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret text (a key password). Its {@code toString} never shows the value, so it cannot end up in
 * a log line or an error by accident; only {@link #reveal()} hands it out, to the code that needs it.
 */
public final class Secret {
    private static final Secret NONE = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value);
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The value, for the one place that must use it. */
    public char[] reveal() {
        return value.toCharArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.length();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : "(redacted)";
    }
}
