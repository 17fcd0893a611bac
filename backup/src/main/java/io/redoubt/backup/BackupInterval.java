package io.redoubt.backup;

import java.time.Duration;

/** RE's {@code backup_interval}: every 1, 4, 12 or 24 hours, given in seconds in the API. */
public enum BackupInterval {
    HOURS_1(1), HOURS_4(4), HOURS_12(12), HOURS_24(24);

    private final Duration length;

    BackupInterval(int hours) {
        this.length = Duration.ofHours(hours);
    }

    public Duration length() {
        return length;
    }

    public long seconds() {
        return length.toSeconds();
    }

    public static BackupInterval fromSeconds(long seconds) {
        for (BackupInterval i : values()) {
            if (i.seconds() == seconds) {
                return i;
            }
        }
        throw new IllegalArgumentException("backup_interval must be 3600, 14400, 43200 or 86400 seconds (1, 4, 12 or 24 h), not "
                + seconds);
    }
}
