package io.redoubt.cse;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which raw commands the encrypted wrappers pass through, and why the others are refused. The server only
 * holds ciphertext, so a command that computes on, compares, or edits the bytes of a value would corrupt it
 * or answer about the ciphertext instead of the plaintext; a rename breaks the binding of a value to its
 * key name. Unknown commands are refused too (fail closed): run them on the plain client if they touch no
 * values.
 */
final class RefusedCommands {
    private static final Set<String> KEY_ONLY = Set.of("DEL", "UNLINK", "EXISTS", "EXPIRE", "PEXPIRE", "EXPIREAT",
            "PEXPIREAT", "EXPIRETIME", "PEXPIRETIME", "TTL", "PTTL", "PERSIST", "TYPE", "TOUCH", "HDEL", "HEXISTS",
            "HLEN", "HKEYS", "LLEN", "SCARD", "LTRIM", "DBSIZE", "PING");
    private static final Map<String, String> REASONS = new HashMap<>();

    static {
        refuse("arithmetic needs the plaintext number, and the server holds ciphertext: read, change and write "
                + "it in the application (WATCH/MULTI to make it atomic)",
                "INCR", "INCRBY", "INCRBYFLOAT", "DECR", "DECRBY", "HINCRBY", "HINCRBYFLOAT", "ZINCRBY");
        refuse("it edits bytes inside an encrypted value, which breaks its authentication tag: read, change and "
                + "write the whole value", "APPEND", "SETRANGE", "SETBIT", "BITFIELD", "BITOP");
        refuse("it reads part of the ciphertext, not of the plaintext: read the whole value and slice it in "
                + "the application", "GETRANGE", "SUBSTR", "GETBIT", "BITCOUNT", "BITPOS", "BITFIELD_RO", "STRLEN",
                "LCS", "HSTRLEN");
        refuse("it would sort by the bytes of the ciphertext, not by the plaintext: sort in the application",
                "SORT", "SORT_RO");
        refuse("lexicographic ranges compare ciphertext, whose order says nothing about the plaintext's",
                "ZRANGEBYLEX", "ZREVRANGEBYLEX", "ZLEXCOUNT", "ZREMRANGEBYLEX");
        refuse("it compares list elements, and two encryptions of one value differ: read the list and compare "
                + "in the application", "LREM", "LPOS", "LINSERT");
        refuse("a script or function on the server sees only ciphertext and cannot decrypt it",
                "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");
        refuse("values are bound to their key name and no longer decrypt under another: read, re-seal under the "
                + "new name and write", "RENAME", "RENAMENX", "COPY", "RESTORE", "MIGRATE");
    }

    private RefusedCommands() {
    }

    private static void refuse(String reason, String... commands) {
        for (String command : commands) {
            REASONS.put(command, reason);
        }
    }

    /** Throws unless {@code command} only touches key names (or nothing). */
    static void checkPassThrough(String command) {
        String name = command.toUpperCase(Locale.ROOT);
        String reason = REASONS.get(name);
        if (reason != null) {
            throw new UnsupportedOperationException(name + " is refused on encrypted values: " + reason);
        }
        if (!KEY_ONLY.contains(name)) {
            throw new UnsupportedOperationException(name + " is not known to be safe on encrypted values: use the "
                    + "wrapper's own methods, or the plain client if the command touches no values");
        }
    }
}
