package io.redoubt.backup;

import java.time.Duration;
import java.time.Instant;

/**
 * When a database's periodic backups run, pure arithmetic on instants: slots every {@code interval}
 * from the UTC epoch shifted by {@code offset} (RE's {@code backup_interval_offset}, seconds after
 * midnight UTC for 24 h, within the interval in general). After a success the next slot follows; after a
 * failure a retry comes after a backoff (5 minutes doubling to 1 hour, RE retries "until they succeed"),
 * or at the next slot if that is sooner.
 */
public record BackupSchedule(BackupInterval interval, Duration offset) {
    static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    static final Duration MAX_RETRY = Duration.ofHours(1);

    public BackupSchedule {
        if (offset == null) {
            offset = Duration.ZERO;
        }
        if (offset.isNegative() || offset.compareTo(interval.length()) >= 0) {
            throw new IllegalArgumentException("backup_interval_offset must be from 0 to " + (interval.seconds() - 1)
                    + " seconds for a " + interval.length().toHours() + " h interval");
        }
    }

    /**
     * What the scheduler remembers of a database's backups.
     *
     * @param since               when periodic backups were turned on (the first runs at the first slot after it)
     * @param lastSuccess         null until one succeeds
     * @param lastFailure         null unless the latest attempt failed
     * @param consecutiveFailures failures since the last success
     */
    public record State(Instant since, Instant lastSuccess, Instant lastFailure, int consecutiveFailures) {
        public static State enabledAt(Instant since) {
            return new State(since, null, null, 0);
        }

        public State succeeded(Instant at) {
            return new State(since, at, null, 0);
        }

        public State failed(Instant at) {
            return new State(since, lastSuccess, at, consecutiveFailures + 1);
        }
    }

    /** The first slot strictly after {@code t}. */
    public Instant slotAfter(Instant t) {
        long period = interval.seconds();
        long shifted = t.getEpochSecond() - offset.toSeconds();
        long k = Math.floorDiv(shifted, period) + 1;
        return Instant.ofEpochSecond(k * period + offset.toSeconds());
    }

    /** When the next attempt is due for a database in {@code state}. */
    public Instant nextRun(State state) {
        Instant base = state.lastSuccess() != null ? state.lastSuccess() : state.since();
        Instant slot = slotAfter(base);
        if (state.lastFailure() == null) {
            return slot;
        }
        Instant retry = state.lastFailure().plus(retryDelay(state.consecutiveFailures()));
        Instant nextSlot = slotAfter(state.lastFailure());
        return retry.isBefore(nextSlot) ? retry : nextSlot;
    }

    public boolean due(State state, Instant now) {
        return !now.isBefore(nextRun(state));
    }

    /** 5 minutes after the first failure, doubling, at most an hour. */
    static Duration retryDelay(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 10));
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
