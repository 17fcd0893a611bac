package io.redoubt.replication;

/**
 * The last {@code repl-backlog-size} bytes of the replication stream, in a ring, with the stream
 * offset of each: a replica that comes back asking for offset {@code o} can continue (PSYNC's
 * {@code +CONTINUE}) when {@code o} is still here. Offsets are Redis's: the first byte ever written
 * after the backlog was created at offset {@code start} is {@code start + 1}. Shard thread only.
 */
final class Backlog {
    private final byte[] ring;
    /** Offset of the last byte written (Redis's master_repl_offset). */
    private long endOffset;
    /** Bytes held, at most the ring's size. */
    private int length;

    /** A backlog of {@code size} bytes whose next byte will have offset {@code offset + 1}. */
    Backlog(int size, long offset) {
        this.ring = new byte[Math.max(16 * 1024, size)];
        this.endOffset = offset;
    }

    void append(byte[] data) {
        append(data, 0, data.length);
    }

    void append(byte[] data, int off, int len) {
        if (len > ring.length) {
            int skipped = len - ring.length; // bytes that pass the whole ring at once are lost
            off += skipped;
            endOffset += skipped;
            len = ring.length;
        }
        int pos = (int) (endOffset % ring.length);
        int first = Math.min(len, ring.length - pos);
        System.arraycopy(data, off, ring, pos, first);
        System.arraycopy(data, off + first, ring, 0, len - first);
        endOffset += len;
        length = (int) Math.min(ring.length, (long) length + len);
    }

    /** Offset of the last byte written. */
    long endOffset() {
        return endOffset;
    }

    /** Offset of the oldest byte held (Redis's repl_backlog_first_byte_offset). */
    long firstOffset() {
        return endOffset - length + 1;
    }

    int length() {
        return length;
    }

    int size() {
        return ring.length;
    }

    /** Whether a replica asking for {@code from} (the first byte it lacks) can continue from here. */
    boolean holds(long from) {
        return from >= firstOffset() && from <= endOffset + 1;
    }

    /** The bytes from offset {@code from} to the end; {@link #holds} must be true. */
    byte[] since(long from) {
        int n = (int) (endOffset + 1 - from);
        byte[] out = new byte[n];
        int pos = (int) ((from - 1) % ring.length);
        int first = Math.min(n, ring.length - pos);
        System.arraycopy(ring, pos, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        return out;
    }
}
