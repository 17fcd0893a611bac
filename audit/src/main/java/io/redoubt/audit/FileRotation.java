package io.redoubt.audit;

import java.util.Locale;

/**
 * How a log file is rotated: when it passes {@code maxBytes} (0: never by size) or when a period
 * begins ({@link Period#NONE}: never by time). Rotated files are gzip-compressed beside the file, and
 * only the newest {@code maxFiles} of them are kept, so a node's log folder has a bounded size. The
 * node's log file (through Log4j) and the event log ({@link EventLog}) share these settings.
 */
public record FileRotation(long maxBytes, Period period, int maxFiles) {
    /** Rotation by time: the boundary that starts a new file. */
    public enum Period {
        NONE(""), HOURLY("%d{yyyy-MM-dd-HH}"), DAILY("%d{yyyy-MM-dd}");

        private final String datePattern;

        Period(String datePattern) {
            this.datePattern = datePattern;
        }

        /** The date part of Log4j's file pattern; empty for {@link #NONE}. */
        public String datePattern() {
            return datePattern;
        }

        public static Period byName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** No rotation: one file that grows. */
    public static final FileRotation NEVER = new FileRotation(0, Period.NONE, 1);

    public FileRotation {
        if (maxBytes < 0 || maxFiles < 1) {
            throw new IllegalArgumentException("maxBytes >= 0 and maxFiles >= 1 expected");
        }
    }

    public boolean rotates() {
        return maxBytes > 0 || period != Period.NONE;
    }
}
