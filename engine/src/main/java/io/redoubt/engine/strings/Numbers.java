package io.redoubt.engine.strings;

import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.Errors;

/**
 * Allocation-free conversions between 64-bit integers and their decimal bytes, with Redis's
 * {@code string2ll} rules (optional '-', no '+', no leading zeros, no blanks, at most 20 characters,
 * no overflow), for the INCR family's hot path.
 */
final class Numbers {
    private Numbers() {
    }

    static boolean isLong(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return false;
        }
        int i = s[0] == '-' ? 1 : 0;
        if (i == len) {
            return false;
        }
        if (s[i] == '0') {
            return len == 1;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return s[0] == '-' || v != Long.MIN_VALUE;
    }

    /** Parses {@code s} or throws Redis's "not an integer" error. */
    static long parseLong(byte[] s) {
        if (!isLong(s)) {
            throw new CommandException(Errors.NOT_INTEGER);
        }
        boolean negative = s[0] == '-';
        long v = 0;
        for (int i = negative ? 1 : 0; i < s.length; i++) {
            v = v * 10 - (s[i] - '0');
        }
        return negative ? v : -v;
    }

    /** The decimal form of {@code v}. */
    static byte[] toBytes(long v) {
        if (v == Long.MIN_VALUE) {
            return "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        boolean negative = v < 0;
        long a = negative ? -v : v;
        int digits = 1;
        for (long t = a; t >= 10; t /= 10) {
            digits++;
        }
        byte[] out = new byte[digits + (negative ? 1 : 0)];
        for (int i = out.length - 1; i >= (negative ? 1 : 0); i--) {
            out[i] = (byte) ('0' + a % 10);
            a /= 10;
        }
        if (negative) {
            out[0] = '-';
        }
        return out;
    }
}
