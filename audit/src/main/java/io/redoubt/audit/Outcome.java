package io.redoubt.audit;

import java.util.Locale;

/** Whether the action an event records succeeded. */
public enum Outcome {
    SUCCESS, FAILURE;

    /** The name in JSON and syslog: {@code success}, {@code failure}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Outcome byWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
