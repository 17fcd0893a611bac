package io.redoubt.dataplane;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Brute-force protection (Redis has none): after {@code maxFailures} failed AUTH or HELLO AUTH
 * attempts from one client address within {@code windowMillis}, further attempts from that address
 * are refused for {@code lockoutMillis}. Other addresses and connections already authenticated are
 * not affected. {@code maxFailures == 0} turns it off. A success does not clear earlier failures, so
 * a valid account cannot reset an attacker's count. Used on the shard thread only.
 */
public final class AuthThrottle {
    /** How many addresses are tracked at most; expired records are dropped first. */
    private static final int MAX_TRACKED = 100_000;

    /** Settings, validated by the node's configuration. */
    public record Settings(int maxFailures, long windowMillis, long lockoutMillis) {
        public static final Settings DEFAULT = new Settings(10, 60_000, 60_000);
    }

    private static final class Record {
        long windowStart;
        int failures;
        long lockedUntil;
    }

    private final InstantSource clock;
    private final Map<String, Record> byAddress = new HashMap<>();
    private volatile Settings settings = Settings.DEFAULT;

    AuthThrottle(InstantSource clock) {
        this.clock = clock;
    }

    public void settings(Settings s) {
        this.settings = s;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether an attempt from {@code host} must be refused now. */
    synchronized boolean refused(String host) {
        if (settings.maxFailures() == 0) {
            return false;
        }
        Record r = byAddress.get(host);
        return r != null && r.lockedUntil > clock.millis();
    }

    /** Seconds until {@code host} may try again (for the error text). */
    synchronized long secondsLeft(String host) {
        Record r = byAddress.get(host);
        if (r == null) {
            return 0;
        }
        return Math.max(1, (r.lockedUntil - clock.millis() + 999) / 1000);
    }

    synchronized void failed(String host) {
        Settings s = settings;
        if (s.maxFailures() == 0) {
            return;
        }
        long now = clock.millis();
        Record r = byAddress.get(host);
        if (r == null) {
            if (byAddress.size() >= MAX_TRACKED) {
                prune(now);
            }
            r = new Record();
            r.windowStart = now;
            byAddress.put(host, r);
        }
        if (now - r.windowStart >= s.windowMillis()) {
            r.windowStart = now;
            r.failures = 0;
        }
        r.failures++;
        if (r.failures >= s.maxFailures()) {
            r.lockedUntil = now + s.lockoutMillis();
            r.failures = 0;
            r.windowStart = r.lockedUntil;
        }
    }

    private void prune(long now) {
        Settings s = settings;
        for (Iterator<Record> it = byAddress.values().iterator(); it.hasNext();) {
            Record r = it.next();
            if (r.lockedUntil <= now && now - r.windowStart >= s.windowMillis()) {
                it.remove();
            }
        }
        if (byAddress.size() >= MAX_TRACKED) {
            byAddress.clear(); // under a flood of addresses, forget rather than grow without bound
        }
    }
}
