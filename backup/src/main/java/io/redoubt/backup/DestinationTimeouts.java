package io.redoubt.backup;

import java.time.Duration;

/**
 * The bounds every destination applies: {@code connect} for reaching the server and logging in,
 * {@code io} for any single read or write to stall (a transfer may take longer in total while bytes move).
 */
public record DestinationTimeouts(Duration connect, Duration io) {
    public static final DestinationTimeouts DEFAULT = new DestinationTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    public DestinationTimeouts {
        if (connect == null || connect.isNegative() || connect.isZero() || io == null || io.isNegative() || io.isZero()) {
            throw new IllegalArgumentException("destination timeouts must be positive");
        }
    }

    int connectMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connect.toMillis());
    }

    int ioMillis() {
        return (int) Math.min(Integer.MAX_VALUE, io.toMillis());
    }
}
