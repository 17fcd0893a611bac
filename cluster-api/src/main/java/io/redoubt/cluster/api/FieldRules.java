package io.redoubt.cluster.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The checks the records' constructors share. Each refusal names RE's field, so the admin services can pass
 * the message on; the records refuse what no store should hold, the admin services refuse what policy forbids.
 */
final class FieldRules {
    /** RE: object names are ASCII; a user's name may not contain {@code & < > "}. */
    private static final Pattern NAME = Pattern.compile("[\\x20-\\x7E&&[^&<>\"]]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    static final int MAX_NAME_LENGTH = 256;

    private FieldRules() {}

    static String name(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_NAME_LENGTH
                    + " printable ASCII characters without & < > \": '" + value + "'");
        }
        return value;
    }

    static long uid(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 (allocate) or positive: " + value);
        }
        return value;
    }

    static int port(String field, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(field + " must be a TCP port 1..65535: " + value);
        }
        return value;
    }

    static int atLeast(String field, int min, int value) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ": " + value);
        }
        return value;
    }

    static int within(String field, int min, int max, int value) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + value);
        }
        return value;
    }

    static Duration wholeSecondsNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.getNano() != 0) {
            throw new IllegalArgumentException(field + " must be a whole, non-negative number of seconds: " + value);
        }
        return value;
    }

    static String sha256Hex(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a SHA-256 digest in lower-case hex (64 digits)");
        }
        return value;
    }

    /** An immutable copy with no null and no repeat (a repeat in a set-like list is a caller's mistake). */
    static <T> List<T> distinct(String field, Collection<T> values) {
        List<T> copy = List.copyOf(Objects.requireNonNull(values, field));
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException(field + " lists a value twice: " + copy);
        }
        return copy;
    }
}
