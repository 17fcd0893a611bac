package io.redoubt.audit;

import java.util.List;

/**
 * Writes one JSON object on one line, field by field. Strings are escaped so the line is pure ASCII
 * ({@code \}{@code uXXXX} for anything else), which keeps it one line in any file and lets syslog carry it
 * without a byte-order mark. Fields whose value is null are left out.
 */
public final class JsonLine {
    private final StringBuilder text = new StringBuilder(160).append('{');
    private boolean first = true;

    public JsonLine field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    public JsonLine field(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    public JsonLine field(String name, List<String> values) {
        if (values != null) {
            name(name);
            text.append('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                string(values.get(i));
            }
            text.append(']');
        }
        return this;
    }

    private void name(String name) {
        if (!first) {
            text.append(',');
        }
        first = false;
        string(name);
        text.append(':');
    }

    private void string(String s) {
        text.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }

    @Override
    public String toString() {
        return text + "}";
    }
}
