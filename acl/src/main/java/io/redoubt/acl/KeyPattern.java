package io.redoubt.acl;

import java.nio.charset.StandardCharsets;

/**
 * One key pattern of a selector with the access it grants: {@code ~p} (read and write),
 * {@code %R~p}, {@code %W~p}.
 */
public record KeyPattern(byte[] pattern, boolean read, boolean write) {

    /** The rule that creates this pattern, as ACL LIST shows it. */
    public String describe() {
        String p = new String(pattern, StandardCharsets.UTF_8);
        if (read && write) {
            return "~" + p;
        }
        return (read ? "%R~" : "%W~") + p;
    }

    /** Whether this pattern grants at least the access asked for. */
    public boolean grants(boolean needRead, boolean needWrite) {
        return (!needRead || read) && (!needWrite || write);
    }
}
