package io.redoubt.node;

import java.util.Locale;

/**
 * How the log file is rotated: when it passes {@code maxBytes} (0: never by size) or when a period
 * begins ({@link Period#NONE}: never by time). Rotated files are gzip-compressed beside the log file,
 * and only the newest {@code maxFiles} of them are kept, so a node's log folder has a bounded size.
 */
record LogRotation(long maxBytes, Period period, int maxFiles) {
    /** Rotation by time: the boundary that starts a new file. */
    enum Period {
        NONE(""), HOURLY("%d{yyyy-MM-dd-HH}"), DAILY("%d{yyyy-MM-dd}");

        /** The date part of Log4j's file pattern. */
        final String datePattern;

        Period(String datePattern) {
            this.datePattern = datePattern;
        }

        static Period byName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** What the shipped config file sets: 100 MB, daily, 14 files. */
    static final LogRotation DEFAULT = new LogRotation(100L << 20, Period.DAILY, 14);

    LogRotation {
        if (maxBytes < 0 || maxFiles < 1) {
            throw new IllegalArgumentException("maxBytes >= 0 and maxFiles >= 1 expected");
        }
    }

    boolean rotates() {
        return maxBytes > 0 || period != Period.NONE;
    }
}
