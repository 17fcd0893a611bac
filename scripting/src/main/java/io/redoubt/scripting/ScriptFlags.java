package io.redoubt.scripting;

import java.nio.charset.StandardCharsets;

/**
 * A script's shebang ({@code #!lua flags=no-writes,allow-oom}), parsed as Redis 7.0's
 * evalExtractShebangFlags does. A script without one runs in EVAL's compatibility mode: it may write,
 * and Redis checks each command rather than the script as a whole.
 *
 * @param compatible no shebang: the pre-7.0 behaviour
 * @param shebangLength bytes before the shebang's line feed (the body compiles from there on)
 */
record ScriptFlags(boolean compatible, boolean noWrites, boolean allowOom, boolean allowStale, boolean noCluster,
                   boolean allowCrossSlotKeys, int shebangLength) {

    static final ScriptFlags COMPATIBLE = new ScriptFlags(true, false, false, false, false, false, 0);

    /** Thrown with Redis's text (without "ERR ") for a shebang Redis refuses. */
    static final class InvalidShebang extends Exception {
        InvalidShebang(String message) {
            super(message, null, false, false);
        }
    }

    static ScriptFlags of(byte[] body) throws InvalidShebang {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return COMPATIBLE;
        }
        int end = 0;
        while (end < body.length && body[end] != '\n') {
            end++;
        }
        if (end == body.length) {
            throw new InvalidShebang("Invalid script shebang");
        }
        String[] parts = new String(body, 0, end, StandardCharsets.UTF_8).trim().split("[ \t\r]+");
        if (parts.length == 0 || parts[0].isEmpty()) {
            throw new InvalidShebang("Invalid engine in script shebang");
        }
        if (!parts[0].equals("#!lua")) {
            throw new InvalidShebang("Unexpected engine in script shebang: " + parts[0]);
        }
        boolean noWrites = false;
        boolean allowOom = false;
        boolean allowStale = false;
        boolean noCluster = false;
        boolean crossSlot = false;
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("flags=")) {
                throw new InvalidShebang("Unknown lua shebang option: " + parts[i]);
            }
            String list = parts[i].substring(6);
            for (String flag : list.split(",", -1)) {
                if (list.isEmpty()) {
                    break;
                }
                switch (flag) {
                    case "no-writes" -> noWrites = true;
                    case "allow-oom" -> allowOom = true;
                    case "allow-stale" -> allowStale = true;
                    case "no-cluster" -> noCluster = true;
                    case "allow-cross-slot-keys" -> crossSlot = true;
                    default -> throw new InvalidShebang("Unexpected flag in script shebang: " + flag);
                }
            }
        }
        return new ScriptFlags(false, noWrites, allowOom, allowStale, noCluster, crossSlot, end);
    }
}
