package io.redoubt.engine.streams;

import io.redoubt.engine.command.CommandException;
import java.nio.charset.StandardCharsets;

/**
 * A stream entry ID: two unsigned 64-bit numbers, milliseconds and sequence, ordered as one 128-bit
 * number as in Redis.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    public static final StreamId ZERO = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1L, -1L);
    public static final StreamId MIN = ZERO;

    static final String INVALID = "ERR Invalid stream ID specified as stream command argument";

    @Override
    public int compareTo(StreamId o) {
        int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    public boolean isZero() {
        return ms == 0 && seq == 0;
    }

    /** The next ID, or null when this is the largest ID. */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        if (ms != -1L) {
            return new StreamId(ms + 1, 0);
        }
        return null;
    }

    /** The previous ID, or null when this is 0-0. */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        if (ms != 0) {
            return new StreamId(ms - 1, -1L);
        }
        return null;
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses {@code ms[-seq]} as Redis's streamGenericParseIDOrReply does; a missing sequence becomes
     * {@code missingSeq}. Returns null when the text is not an ID.
     */
    static StreamId parseOrNull(byte[] arg, long missingSeq) {
        if (arg.length > 127) {
            return null;
        }
        int dash = -1;
        for (int i = 0; i < arg.length; i++) {
            if (arg[i] == '-') {
                dash = i;
                break;
            }
        }
        if (dash < 0) {
            Long ms = parseUnsigned(arg, 0, arg.length);
            return ms == null ? null : new StreamId(ms, missingSeq);
        }
        Long ms = parseUnsigned(arg, 0, dash);
        Long seq = parseUnsigned(arg, dash + 1, arg.length);
        return ms == null || seq == null ? null : new StreamId(ms, seq);
    }

    /** Parses a full ID with the generic error on failure; {@code -} and {@code +} are the extremes. */
    static StreamId parse(byte[] arg, long missingSeq) {
        if (arg.length == 1 && arg[0] == '-') {
            return MIN;
        }
        if (arg.length == 1 && arg[0] == '+') {
            return MAX;
        }
        StreamId id = parseOrNull(arg, missingSeq);
        if (id == null) {
            throw new CommandException(INVALID);
        }
        return id;
    }

    /** Parses an ID with no special forms (no {@code -}, {@code +}), seq defaulting to 0. */
    static StreamId parseStrict(byte[] arg) {
        StreamId id = parseOrNull(arg, 0);
        if (id == null) {
            throw new CommandException(INVALID);
        }
        return id;
    }

    /** strtoull-like unsigned decimal parse, as string2ull: digits only, must fit 64 bits. */
    static Long parseUnsigned(byte[] b, int from, int to) {
        if (from >= to) {
            return null;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            long hi = Math.multiplyHigh(v, 10) + ((v >> 63) & 10); // unsigned high word of v*10
            long lo = v * 10;
            if (hi != 0) {
                return null;
            }
            long sum = lo + d;
            if (Long.compareUnsigned(sum, lo) < 0) {
                return null;
            }
            v = sum;
        }
        return v;
    }
}
