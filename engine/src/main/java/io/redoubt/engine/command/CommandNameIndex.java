package io.redoubt.engine.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Finds a command by the raw bytes of its name, in any ASCII letter case, without allocating: the
 * lookup runs for every request, and building a lower-case String per request was a large share of
 * the bytes a GET or SET allocated. Open addressing with linear probing over a power-of-two table at
 * most a quarter full, so a lookup is one hash over the name and usually one comparison.
 *
 * <p>Invariant: {@code names[i]} is the lower-case ASCII name of {@code specs[i]}, or null for an
 * empty slot; the table is built once and never changes.
 */
final class CommandNameIndex {
    private final byte[][] names;
    private final CommandSpec[] specs;
    private final int mask;

    CommandNameIndex(Collection<CommandSpec> commands) {
        int capacity = Integer.highestOneBit(Math.max(4, commands.size()) * 4 - 1) << 1;
        names = new byte[capacity][];
        specs = new CommandSpec[capacity];
        mask = capacity - 1;
        for (CommandSpec spec : commands) {
            byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
            int slot = hash(name) & mask;
            while (names[slot] != null) {
                slot = (slot + 1) & mask;
            }
            names[slot] = name;
            specs[slot] = spec;
        }
    }

    /** The command whose name equals {@code name} ignoring ASCII case, or null. */
    CommandSpec find(byte[] name) {
        for (int slot = hash(name) & mask; ; slot = (slot + 1) & mask) {
            byte[] candidate = names[slot];
            if (candidate == null) {
                return null;
            }
            if (equalsFolded(candidate, name)) {
                return specs[slot];
            }
        }
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** A hash of the lower-cased bytes, so "GET" and "get" land in the same slot. */
    private static int hash(byte[] name) {
        int h = name.length;
        for (byte b : name) {
            h = h * 31 + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsFolded(byte[] lowerName, byte[] name) {
        if (lowerName.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerName[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }
}
