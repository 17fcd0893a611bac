package io.redoubt.audit;

import java.util.Locale;

/** The syslog facilities Redis's {@code syslog-facility} accepts, with their RFC 5424 codes. */
public enum Facility {
    USER(1), LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    Facility(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** {@code user}, {@code local0} ... {@code local7}, as redis.conf names them. */
    public static Facility byName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
