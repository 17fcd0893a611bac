package io.redoubt.backup;

import io.redoubt.security.Secret;
import java.util.List;

/**
 * Removes every secret's text from a message taken from a server or an SDK before it becomes part of
 * a {@link DestinationException} (an SDK may echo a URL with a SAS token, a server a user's password),
 * and keeps it to one line.
 */
final class Redaction {
    private static final int MAX_LENGTH = 300;

    private Redaction() {
    }

    static String clean(String text, List<Secret> secrets) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (Secret s : secrets) {
            if (s != null && !s.isEmpty()) {
                String value = new String(s.reveal());
                if (value.length() >= 4) {
                    out = out.replace(value, "(redacted)");
                }
            }
        }
        out = out.replaceAll("\\s+", " ").strip();
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
