package io.redoubt.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Reads one RESP header line ({@code *<count>} or {@code $<length>}) in a single pass over the
 * buffer: finds the CR and parses the decimal after the type byte with Redis's {@code string2ll}
 * rules (optional '-', no leading zeros, at most 20 characters, no overflow). One
 * {@link ByteBuf#forEachByte} call costs one bounds and liveness check, where reading the digits
 * one {@code getByte} at a time cost one per byte: this runs for every argument of every request.
 *
 * <p>Not thread-safe: one per parser, reused for every line.
 */
final class HeaderLine implements ByteProcessor {
    private static final int MAX_CHARS = 20;

    private int seen;          // bytes before the CR, the type byte included
    private byte type;
    private long value;
    private int digits;
    private boolean negative;
    private boolean invalid;

    /**
     * Scans {@code in} from {@code start} (the type byte) for the CR; returns its index, or -1 when the
     * readable bytes hold none yet. After a hit, {@link #type} and {@link #value} describe the line.
     */
    int scan(ByteBuf in, int start) {
        seen = 0;
        type = '\r';
        value = 0;
        digits = 0;
        negative = false;
        invalid = false;
        return in.forEachByte(start, in.writerIndex() - start, this);
    }

    /** The line's first byte ('\r' for an empty line). */
    byte type() {
        return type;
    }

    /** The decimal after the type byte, or {@link Long#MIN_VALUE} when it is not one. */
    long value() {
        if (invalid || digits == 0) {
            return Long.MIN_VALUE;
        }
        return negative ? -value : value;
    }

    @Override
    public boolean process(byte b) {
        if (b == '\r') {
            return false;
        }
        int pos = seen++;
        if (pos == 0) {
            type = b;
            return true;
        }
        if (invalid) {
            return true; // keep looking for the CR: the caller reports the error only for a whole line
        }
        if (pos > MAX_CHARS) {
            invalid = true;
            return true;
        }
        if (pos == 1 && b == '-') {
            negative = true;
            return true;
        }
        int d = b - '0';
        if (d < 0 || d > 9 || (digits == 1 && value == 0) || value > (Long.MAX_VALUE - d) / 10) {
            invalid = true; // not a digit, a digit after a leading zero, or an overflow
            return true;
        }
        value = value * 10 + d;
        digits++;
        return true;
    }
}
