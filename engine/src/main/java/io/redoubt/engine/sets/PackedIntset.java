package io.redoubt.engine.sets;

import java.util.Arrays;

/**
 * The integers of an "intset" set, packed as Redis packs them: one {@code byte[]} of ascending
 * values all of one width (2, 4 or 8 bytes, little-endian), the smallest width that holds every
 * member. Adding a member that does not fit widens every value at once; the width never narrows
 * (as in Redis). A set of small integers thus costs two bytes per member, not eight.
 *
 * <p>Invariant: {@code values.length == count * width} and the values are strictly ascending.
 */
final class PackedIntset {
    private static final byte[] EMPTY = new byte[0];

    private byte[] values = EMPTY;
    private int width = 2;
    private int count;

    PackedIntset copy() {
        PackedIntset c = new PackedIntset();
        c.values = values.length == 0 ? EMPTY : values.clone();
        c.width = width;
        c.count = count;
        return c;
    }

    int size() {
        return count;
    }

    /** Bytes per member: 2, 4 or 8. */
    int width() {
        return width;
    }

    /** Bytes of the packed values. */
    int packedBytes() {
        return values.length;
    }

    long get(int i) {
        return read(values, i, width);
    }

    /** The index of {@code v}, or {@code -(insertion point) - 1} as in Arrays.binarySearch. */
    int search(long v) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long m = read(values, mid, width);
            if (m < v) {
                lo = mid + 1;
            } else if (m > v) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** Adds {@code v}; returns whether it was new. */
    boolean add(long v) {
        int needed = widthFor(v);
        if (needed > width) {
            // wider than every member: it goes first (negative) or last (positive)
            widen(needed);
        }
        int at = search(v);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        byte[] grown = new byte[values.length + width];
        System.arraycopy(values, 0, grown, 0, at * width);
        System.arraycopy(values, at * width, grown, (at + 1) * width, (count - at) * width);
        write(grown, at, width, v);
        values = grown;
        count++;
        return true;
    }

    void removeAt(int at) {
        byte[] shrunk = new byte[values.length - width];
        System.arraycopy(values, 0, shrunk, 0, at * width);
        System.arraycopy(values, (at + 1) * width, shrunk, at * width, (count - at - 1) * width);
        values = shrunk.length == 0 ? EMPTY : shrunk;
        count--;
    }

    static int widthFor(long v) {
        if (v == (short) v) {
            return 2;
        }
        return v == (int) v ? 4 : 8;
    }

    private void widen(int to) {
        byte[] wide = new byte[count * to];
        for (int i = 0; i < count; i++) {
            write(wide, i, to, read(values, i, width));
        }
        values = wide;
        width = to;
    }

    private static long read(byte[] p, int i, int width) {
        int at = i * width;
        long v = p[at + width - 1]; // the most significant byte, sign-extended
        for (int k = width - 2; k >= 0; k--) {
            v = (v << 8) | (p[at + k] & 0xFF);
        }
        return v;
    }

    private static void write(byte[] p, int i, int width, long v) {
        int at = i * width;
        for (int k = 0; k < width; k++) {
            p[at + k] = (byte) (v >>> (8 * k));
        }
    }

    @Override
    public String toString() {
        long[] all = new long[count];
        for (int i = 0; i < count; i++) {
            all[i] = get(i);
        }
        return Arrays.toString(all);
    }
}
