package io.redoubt.dataplane;

import java.util.Locale;

/**
 * Builds INFO's text: {@code # Section} headers and {@code field:value} lines, each ending in CRLF,
 * sections separated by an empty line, with Redis's number formats.
 */
final class InfoText {
    private final StringBuilder text = new StringBuilder(4096);

    InfoText section(String title) {
        if (text.length() > 0) {
            text.append("\r\n");
        }
        text.append("# ").append(title).append("\r\n");
        return this;
    }

    InfoText field(String name, String value) {
        text.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    InfoText field(String name, long value) {
        return field(name, Long.toString(value));
    }

    /** Redis's {@code %.2f}. */
    static String twoDecimals(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Redis's bytesToHuman: 1023B, 1.16M, 6.77G ... */
    static String human(long bytes) {
        double n = bytes;
        if (n < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T", "P", "E"};
        for (int i = 0; i < units.length; i++) {
            n /= 1024;
            if (n < 1024 || i == units.length - 1) {
                return String.format(Locale.ROOT, "%.2f%s", n, units[i]);
            }
        }
        throw new AssertionError();
    }

    /** CPU seconds as Redis prints them: {@code %ld.%06ld}. */
    static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
