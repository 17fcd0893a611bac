package io.redoubt.engine.keys;

import io.redoubt.engine.command.CommandException;
import io.redoubt.resp.Errors;

/**
 * Parses a SCAN cursor as Redis does with {@code strtoul}: the full unsigned 64-bit range, an optional
 * sign ({@code -1} is the largest cursor), no leading blank, nothing after the digits, no overflow.
 * An empty argument is cursor 0, as in Redis.
 */
final class ScanCursor {
    private ScanCursor() {
    }

    static long parse(byte[] arg) {
        int n = arg.length;
        if (n == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (arg[0] == '+' || arg[0] == '-') {
            negative = arg[0] == '-';
            i = 1;
        }
        if (i == n) {
            throw new CommandException(Errors.INVALID_CURSOR);
        }
        long v = 0;
        for (; i < n; i++) {
            int d = arg[i] - '0';
            if (d < 0 || d > 9) {
                throw new CommandException(Errors.INVALID_CURSOR);
            }
            // v * 10 + d must stay below 2^64, compared as unsigned
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                throw new CommandException(Errors.INVALID_CURSOR);
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                throw new CommandException(Errors.INVALID_CURSOR);
            }
            v = next;
        }
        return negative ? -v : v;
    }
}
