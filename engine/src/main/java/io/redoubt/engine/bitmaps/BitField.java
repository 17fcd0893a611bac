package io.redoubt.engine.bitmaps;

/**
 * Reads and writes integers of 1 to 64 bits at any bit offset of a byte array, most significant bit
 * first (bit 0 is the top bit of byte 0), and applies BITFIELD's overflow rules exactly as Redis's
 * {@code checkSignedBitfieldOverflow} / {@code checkUnsignedBitfieldOverflow} do.
 */
final class BitField {
    static final int WRAP = 0;
    static final int SAT = 1;
    static final int FAIL = 2;

    private BitField() {
    }

    /** Unsigned value of {@code bits} bits at {@code offset}; bytes beyond the array read as zero. */
    static long getUnsigned(byte[] p, long offset, int bits) {
        long value = 0;
        for (int j = 0; j < bits; j++) {
            long bitPos = offset + j;
            int byteIndex = (int) (bitPos >>> 3);
            int bit = byteIndex < p.length ? (p[byteIndex] >> (7 - (int) (bitPos & 7))) & 1 : 0;
            value = (value << 1) | bit;
        }
        return value;
    }

    static long getSigned(byte[] p, long offset, int bits) {
        long value = getUnsigned(p, offset, bits);
        if (bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    /** Writes the low {@code bits} bits of {@code value}; the array must be long enough. */
    static void set(byte[] p, long offset, int bits, long value) {
        for (int j = 0; j < bits; j++) {
            long bitValue = (value >>> (bits - 1 - j)) & 1;
            long bitPos = offset + j;
            int byteIndex = (int) (bitPos >>> 3);
            int shift = 7 - (int) (bitPos & 7);
            p[byteIndex] = (byte) ((p[byteIndex] & ~(1 << shift)) | (bitValue << shift));
        }
    }

    /**
     * Whether {@code value + incr} overflows a signed field; on overflow {@code limit[0]} gets the
     * wrapped or saturated value (untouched for FAIL).
     */
    static boolean signedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value;
        long minIncr = min - value;
        if (value > max || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr)) {
            if (owtype == WRAP) {
                limit[0] = wrapSigned(value, incr, bits);
            } else if (owtype == SAT) {
                limit[0] = max;
            }
            return true;
        } else if (value < min || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr)) {
            if (owtype == WRAP) {
                limit[0] = wrapSigned(value, incr, bits);
            } else if (owtype == SAT) {
                limit[0] = min;
            }
            return true;
        }
        return false;
    }

    private static long wrapSigned(long value, long incr, int bits) {
        long c = value + incr;
        if (bits < 64) {
            long mask = -1L << bits;
            if ((c & (1L << (bits - 1))) != 0) {
                c |= mask;
            } else {
                c &= ~mask;
            }
        }
        return c;
    }

    /** Like {@link #signedOverflow} for an unsigned field; {@code value} is unsigned. */
    static boolean unsignedOverflow(long value, long incr, int bits, int owtype, long[] limit) {
        long max = (1L << bits) - 1; // bits <= 63
        long maxIncr = max - value;
        long minIncr = -value;
        if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > maxIncr)) {
            if (owtype == WRAP) {
                limit[0] = (value + incr) & max;
            } else if (owtype == SAT) {
                limit[0] = max;
            }
            return true;
        } else if (incr < 0 && incr < minIncr) {
            if (owtype == WRAP) {
                limit[0] = (value + incr) & max;
            } else if (owtype == SAT) {
                limit[0] = 0;
            }
            return true;
        }
        return false;
    }
}
