package io.redoubt.persistence;

import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The form Redis 7.0 records a write with a relative expiry in (its AOF and its replication stream),
 * so that a replay or a replica gets the same absolute time: SET, SETEX and PSETEX with an expiry
 * become {@code SET key value PXAT ms}; EXPIRE and PEXPIRE {@code PEXPIREAT key ms [options]} (or DEL
 * when the time had already passed); GETEX {@code PEXPIREAT key ms} or {@code PERSIST key}; RESTORE with
 * a relative TTL gets the absolute one and ABSTTL. Built from the key's state after the command ran.
 */
final class AbsoluteExpiry {
    private AbsoluteExpiry() {
    }

    /**
     * Redis's form of {@code argv} (run in {@code db}): rewritten, {@code argv} itself when Redis records
     * it as sent, or null for a command this does not know (recorded as sent, then PEXPIREAT).
     */
    static byte[][] rewrite(Keyspace db, String command, byte[][] argv) {
        if (argv.length < 2) {
            return null;
        }
        Entry e = db.peek(argv[1]);
        boolean live = e != null && !db.isExpired(e);
        switch (command) {
            case "set" -> {
                if (!live || !e.hasExpiry() || !hasRelativeSetExpiry(argv)) {
                    return argv; // no expiry, KEEPTTL or PXAT: the request is deterministic as it is
                }
                return new byte[][] {bytes("SET"), argv[1], argv[2], bytes("PXAT"), bytes(Long.toString(e.expireAt()))};
            }
            case "setex", "psetex" -> {
                if (!live || !e.hasExpiry() || argv.length != 4) {
                    return null;
                }
                return new byte[][] {bytes("SET"), argv[1], argv[3], bytes("PXAT"), bytes(Long.toString(e.expireAt()))};
            }
            case "expire", "pexpire" -> {
                if (!live) {
                    return new byte[][] {bytes("DEL"), argv[1]};
                }
                if (!e.hasExpiry() || argv.length < 3) {
                    return null;
                }
                byte[][] out = argv.clone();
                out[0] = bytes("PEXPIREAT");
                out[2] = bytes(Long.toString(e.expireAt()));
                return out;
            }
            case "getex" -> {
                if (!live || argv.length < 3) {
                    return null;
                }
                if (is(argv[2], "persist")) {
                    return new byte[][] {bytes("PERSIST"), argv[1]};
                }
                return e.hasExpiry() ? new byte[][] {bytes("PEXPIREAT"), argv[1], bytes(Long.toString(e.expireAt()))} : null;
            }
            case "restore" -> {
                if (!live || !e.hasExpiry() || argv.length < 4 || hasWord(argv, "absttl")) {
                    return null;
                }
                byte[][] out = Arrays.copyOf(argv, argv.length + 1);
                out[2] = bytes(Long.toString(e.expireAt()));
                out[argv.length] = bytes("ABSTTL");
                return out;
            }
            default -> {
                return null;
            }
        }
    }

    /** SET with EX, PX or EXAT (PXAT is absolute already and is recorded as sent, as Redis does). */
    private static boolean hasRelativeSetExpiry(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            if (is(argv[i], "ex") || is(argv[i], "px") || is(argv[i], "exat")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWord(byte[][] argv, String word) {
        for (int i = 3; i < argv.length; i++) {
            if (is(argv[i], word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(byte[] arg, String word) {
        return new String(arg, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).equals(word);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
