package io.redoubt.audit;

import java.time.Duration;

/**
 * Exponential backoff between reconnection attempts: {@code initial}, doubled after each failure up to
 * {@code max}, back to {@code initial} after a success. Not thread-safe: one sender thread owns it.
 */
public final class Backoff {
    /** 200 ms doubling to 10 s: quick after a blip, gentle on a collector that is down. */
    public static final Duration DEFAULT_INITIAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("0 < initial <= max expected");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    public static Backoff standard() {
        return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    /** How long to wait after this failure; the next wait will be twice as long, up to the maximum. */
    long failed() {
        long wait = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return wait;
    }

    void succeeded() {
        nextMillis = initialMillis;
    }
}
