package io.redoubt.engine.lists;

import io.redoubt.engine.keyspace.PackedLength;
import java.util.Arrays;

/**
 * The byte layout of one node of a packed list, and the rule deciding when a node is full. A node is
 * one {@code byte[]}: an eight-byte header (the end of the entries, as a big-endian int; the entry
 * count as an unsigned 16-bit number; the front room, the free bytes between the header and the first
 * entry, as an unsigned 16-bit number), then the entries back to back in {@code [start, end)}, then
 * the back room. An entry is its length as a {@link PackedLength} prefix, its bytes, then the same
 * length again as a suffix written to be read backwards (one byte below 255, else four big-endian
 * bytes followed by the byte 255), so the last entry of a node is found without a scan and pops at the
 * tail are O(1), as with Redis's listpack back-lengths. A 16-byte element costs 18 bytes, what Redis's
 * listpack spends on it.
 *
 * <p>The front room is why a push at the head is O(1): the entry is written just before the first one
 * and {@code start} moves down, where a listpack memmoves the whole node. A pop at the head moves
 * {@code start} up. Nodes built by tail pushes (and RDB loading) have no front room and so cost what
 * they did before it existed; only nodes that take pushes at the head get some.
 *
 * <p>Arrays are allocated to fit and grow by an eighth (at least 8 bytes), to a multiple of 8 so the
 * JVM's alignment wastes nothing, and never past the node's byte limit unless one element alone is
 * bigger than that. Limits and fullness are judged on {@link #bytes}, what the node would take without
 * its free room, never on the array's length.
 */
final class ListNode {
    static final int HEADER = 8;
    static final int MAX_COUNT = 0xFFFF;
    /** The largest front room the header can say; the layout code never leaves more. */
    static final int MAX_FRONT = 0xFFFF;
    /** Redis's SIZE_SAFETY_LIMIT: a node under a positive (count) fill still stops at 8 KiB. */
    private static final int SAFETY_LIMIT = 8192;
    private static final int LONG_MARK = 0xFF;
    private static final int SMALLEST_SHRINKABLE = 64;

    private ListNode() {
    }

    /** The offset just after the last entry. */
    static int end(byte[] n) {
        return ((n[0] & 0xFF) << 24) | ((n[1] & 0xFF) << 16) | ((n[2] & 0xFF) << 8) | (n[3] & 0xFF);
    }

    static void end(byte[] n, int end) {
        putInt(n, 0, end);
    }

    /** The offset of the first entry: the header, then the front room. */
    static int start(byte[] n) {
        return HEADER + (((n[6] & 0xFF) << 8) | (n[7] & 0xFF));
    }

    static void start(byte[] n, int start) {
        int front = start - HEADER;
        if (front < 0 || front > MAX_FRONT) {
            throw new IllegalStateException("front room out of range: " + front);
        }
        n[6] = (byte) (front >>> 8);
        n[7] = (byte) front;
    }

    /** Bytes the node takes without its free room, header included: what its limits are judged on. */
    static int bytes(byte[] n) {
        return HEADER + end(n) - start(n);
    }

    static int count(byte[] n) {
        return ((n[4] & 0xFF) << 8) | (n[5] & 0xFF);
    }

    static void count(byte[] n, int count) {
        n[4] = (byte) (count >>> 8);
        n[5] = (byte) count;
    }

    /** Bytes an entry holding {@code length} bytes takes in a node. */
    static int entrySize(int length) {
        return 2 * PackedLength.size(length) + length;
    }

    static int valueLength(byte[] n, int at) {
        return PackedLength.read(n, at);
    }

    static int valueOffset(byte[] n, int at) {
        return at + PackedLength.size(PackedLength.read(n, at));
    }

    /** The offset just after the entry starting at {@code at}. */
    static int next(byte[] n, int at) {
        return at + entrySize(PackedLength.read(n, at));
    }

    /** The start of the entry that ends just before {@code end}. */
    static int previous(byte[] n, int end) {
        int b = n[end - 1] & 0xFF;
        if (b < LONG_MARK) {
            return end - 2 - b;
        }
        int length = ((n[end - 5] & 0xFF) << 24) | ((n[end - 4] & 0xFF) << 16) | ((n[end - 3] & 0xFF) << 8)
                | (n[end - 2] & 0xFF);
        return end - 10 - length;
    }

    /** Writes {@code v} as an entry at {@code at}; returns the offset just after it. */
    static int write(byte[] n, int at, byte[] v) {
        int p = PackedLength.write(n, at, v.length);
        System.arraycopy(v, 0, n, p, v.length);
        p += v.length;
        if (v.length < LONG_MARK) {
            n[p] = (byte) v.length;
            return p + 1;
        }
        putInt(n, p, v.length);
        n[p + 4] = (byte) LONG_MARK;
        return p + 5;
    }

    /** A copy of the element of the entry at {@code at}. */
    static byte[] value(byte[] n, int at) {
        int length = PackedLength.read(n, at);
        int from = at + PackedLength.size(length);
        return Arrays.copyOfRange(n, from, from + length);
    }

    static boolean matches(byte[] n, int at, byte[] v) {
        int length = PackedLength.read(n, at);
        if (length != v.length) {
            return false;
        }
        int from = at + PackedLength.size(length);
        return Arrays.equals(n, from, from + length, v, 0, length);
    }

    /**
     * A fresh node holding only {@code v}, its room to grow at the back, or at the front when
     * {@code atFront} (a node made by a push at the head will take the next ones there).
     */
    static byte[] of(byte[] v, int fill, boolean atFront) {
        int need = HEADER + entrySize(v.length);
        byte[] n = new byte[capacityFor(need, fill)];
        int start = atFront ? Math.min(HEADER + MAX_FRONT, n.length - need + HEADER) : HEADER;
        write(n, start, v);
        start(n, start);
        end(n, start + need - HEADER);
        count(n, 1);
        return n;
    }

    /**
     * Whether a node of {@code count} entries in {@code used} {@link #bytes} may take {@code entryBytes} more
     * under {@code fill} (list-max-listpack-size): negative fills cap bytes (-1 4 KiB ... -5 64 KiB),
     * positive ones cap entries (and 8 KiB, as Redis does).
     */
    static boolean accepts(int fill, int used, int count, int entryBytes) {
        if (count + 1 > MAX_COUNT) {
            return false;
        }
        long after = (long) used + entryBytes;
        if (fill < 0) {
            return after <= byteLimit(fill);
        }
        return after <= SAFETY_LIMIT && count < fill;
    }

    /** Whether the entries of two nodes fit together in one under {@code fill}. */
    static boolean fitTogether(int fill, byte[] a, byte[] b) {
        long bytes = (long) bytes(a) + bytes(b) - HEADER;
        int count = count(a) + count(b);
        if (count > MAX_COUNT) {
            return false;
        }
        if (fill < 0) {
            return bytes <= byteLimit(fill);
        }
        return bytes <= SAFETY_LIMIT && count <= fill;
    }

    static int byteLimit(int fill) {
        int level = Math.min(-fill, 5);
        return 4096 << (level - 1);
    }

    /** The largest array a node under {@code fill} grows to, unless one element alone needs more. */
    static int arrayLimit(int fill) {
        return fill < 0 ? byteLimit(fill) : SAFETY_LIMIT;
    }

    /** The array length for a node needing {@code need} bytes: a little room to grow, within the limit. */
    static int capacityFor(int need, int fill) {
        int limit = arrayLimit(fill);
        long grown = need + Math.max(8L, need >> 3);
        if (grown > limit) {
            grown = Math.max(need, limit);
        }
        return (int) Math.min(Integer.MAX_VALUE - 8, (grown + 7) & ~7L);
    }

    /**
     * {@code n} itself, or a smaller copy when at least half of it is free room (either side). The copy
     * has no front room: a node emptied that far is seldom the one taking head pushes, and one that is
     * gets its room back on the next push.
     */
    static byte[] fit(byte[] n, int fill) {
        int bytes = bytes(n);
        if (n.length > SMALLEST_SHRINKABLE && bytes < n.length / 2) {
            int start = start(n);
            byte[] out = new byte[Math.min(n.length, capacityFor(bytes, fill))];
            System.arraycopy(n, 0, out, 0, HEADER);
            System.arraycopy(n, start, out, HEADER, bytes - HEADER);
            end(out, bytes);
            start(out, HEADER);
            return out;
        }
        return n;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
