package io.redoubt.cse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A data key as the application stores it: its id (written in the header of every value it seals), the
 * KEK it is wrapped under, and the wrapped bytes. Safe to keep next to the data or in configuration:
 * without the KEK it reveals nothing. {@link #encode()} gives a one-line text form.
 */
public record WrappedDataKey(int id, String kekName, byte[] wrapped) {
    private static final String PREFIX = "rdk1.";

    public WrappedDataKey {
        if (id < 0) {
            throw new IllegalArgumentException("data key id must be 0 or more, got " + id);
        }
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }

    /** {@code rdk1.<id>.<base64url kek name>.<base64url wrapped key>} */
    public String encode() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + id + "." + b64.encodeToString(kekName.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(wrapped);
    }

    public static WrappedDataKey decode(String text) {
        String[] parts = text.strip().split("\\.");
        if (parts.length != 4 || !text.strip().startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a wrapped data key (expected rdk1.<id>.<kek>.<key>)");
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            return new WrappedDataKey(Integer.parseInt(parts[1]),
                    new String(b64.decode(parts[2]), StandardCharsets.UTF_8), b64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed wrapped data key: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDataKey other && id == other.id && kekName.equals(other.kekName)
                && Arrays.equals(wrapped, other.wrapped);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + kekName.hashCode()) + Arrays.hashCode(wrapped);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[id=" + id + ", kek=" + kekName + "]";
    }
}
