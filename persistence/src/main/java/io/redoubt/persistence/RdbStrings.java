package io.redoubt.persistence;

import java.nio.charset.StandardCharsets;

/** The integer forms of strings Redis's encoders recognise (string2ll's rules). */
final class RdbStrings {
    private RdbStrings() {
    }

    /**
     * The value of {@code s} when it is the canonical decimal text of a long (no sign on zero, no
     * leading zeros, no '+', at most {@code maxLen} bytes), else null.
     */
    static Long parseCanonicalLong(byte[] s, int maxLen) {
        int n = s.length;
        if (n == 0 || n > maxLen) {
            return null;
        }
        if (n == 1 && s[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean neg = false;
        if (s[0] == '-') {
            neg = true;
            i = 1;
            if (n == 1) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        long v = 0;
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            v = v * 10 - d;   // accumulate negatively to reach Long.MIN_VALUE
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                return null;
            }
            v = -v;
        }
        return v;
    }

    static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
