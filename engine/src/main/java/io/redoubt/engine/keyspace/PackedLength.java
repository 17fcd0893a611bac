package io.redoubt.engine.keyspace;

/**
 * The length prefix of one element in a packed small collection (a hash's or sorted set's
 * "listpack" held as one {@code byte[]}): one byte for lengths below 255, else the byte 255 and a
 * four-byte big-endian length. Small collections hold short elements, so the prefix is almost
 * always one byte, which is what keeps them near Redis's own listpack in memory.
 */
public final class PackedLength {
    private static final int LONG_MARK = 0xFF;

    private PackedLength() {
    }

    /** Bytes the prefix of an element of {@code length} bytes takes. */
    public static int size(int length) {
        return length < LONG_MARK ? 1 : 5;
    }

    /** Writes the prefix of {@code length} at {@code at}; returns the offset just after it. */
    public static int write(byte[] buf, int at, int length) {
        if (length < LONG_MARK) {
            buf[at] = (byte) length;
            return at + 1;
        }
        buf[at] = (byte) LONG_MARK;
        buf[at + 1] = (byte) (length >>> 24);
        buf[at + 2] = (byte) (length >>> 16);
        buf[at + 3] = (byte) (length >>> 8);
        buf[at + 4] = (byte) length;
        return at + 5;
    }

    /** The length whose prefix starts at {@code at}. */
    public static int read(byte[] buf, int at) {
        int b = buf[at] & 0xFF;
        if (b < LONG_MARK) {
            return b;
        }
        return ((buf[at + 1] & 0xFF) << 24) | ((buf[at + 2] & 0xFF) << 16) | ((buf[at + 3] & 0xFF) << 8)
                | (buf[at + 4] & 0xFF);
    }

    /** The offset just after the element (prefix and bytes) starting at {@code at}. */
    public static int skip(byte[] buf, int at) {
        int length = read(buf, at);
        return at + size(length) + length;
    }

    /** Heap bytes of a {@code byte[]} of {@code length} (header and 8-byte alignment). */
    public static long arrayBytes(int length) {
        return (16 + (long) length + 7) & ~7L;
    }
}
