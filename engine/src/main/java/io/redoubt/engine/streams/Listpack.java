package io.redoubt.engine.streams;

import java.util.Arrays;

/**
 * Sizes of Redis listpack elements, so stream nodes split where Redis's do (stream-node-max-bytes):
 * approximate trimming removes whole nodes, so node boundaries are visible in replies.
 */
final class Listpack {
    static final long MAX_SIZE = 1L << 30;
    /** Total-bytes and element-count header plus the end byte. */
    static final long HEADER_AND_END = 7;

    private Listpack() {
    }

    /** Bytes of an element holding integer {@code v} (encoding plus back-length). */
    static long intEntrySize(long v) {
        int enc;
        if (v >= 0 && v <= 127) {
            enc = 1;
        } else if (v >= -4096 && v <= 4095) {
            enc = 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            enc = 3;
        } else if (v >= -(1 << 23) && v <= (1 << 23) - 1) {
            enc = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            enc = 5;
        } else {
            enc = 9;
        }
        return enc + backLength(enc);
    }

    /** Bytes of an element holding {@code s}: an integer encoding when it is a canonical int64. */
    static long stringEntrySize(byte[] s) {
        Long v = asInt64(s);
        if (v != null) {
            return intEntrySize(v);
        }
        int len = s.length;
        long enc = len < 64 ? 1 + len : len < 4096 ? 2 + len : 5 + len;
        return enc + backLength(enc);
    }

    private static int backLength(long l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }

    /** lpStringToInt64: canonical decimal (no leading zeros, no plus, no "-0") fitting 64 bits. */
    static Long asInt64(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) {
            return null;
        }
        if (n == 1 && s[0] == '0') {
            return 0L;
        }
        int i = 0;
        if (s[0] == '-') {
            i = 1;
            if (n == 1) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        for (int j = i; j < n; j++) {
            if (s[j] < '0' || s[j] > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(new String(s, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** Bytes one stream entry adds to its node's listpack (flags, ID deltas, fields, lp-count). */
    static long streamEntrySize(StreamId id, StreamId master, byte[][] fv, byte[][] masterFields) {
        int numFields = fv.length / 2;
        boolean same = numFields == masterFields.length;
        for (int i = 0; same && i < numFields; i++) {
            same = Arrays.equals(fv[2 * i], masterFields[i]);
        }
        long b = intEntrySize(same ? 2 : 0) + intEntrySize(id.ms() - master.ms()) + intEntrySize(id.seq() - master.seq());
        if (!same) {
            b += intEntrySize(numFields);
        }
        for (int i = 0; i < numFields; i++) {
            if (!same) {
                b += stringEntrySize(fv[2 * i]);
            }
            b += stringEntrySize(fv[2 * i + 1]);
        }
        long lpCount = numFields + 3L + (same ? 0 : numFields + 1L);
        return b + intEntrySize(lpCount);
    }
}
