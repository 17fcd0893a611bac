package io.redoubt.engine.command;

import io.redoubt.resp.Errors;

/**
 * The cursor and options of SCAN, HSCAN, SSCAN and ZSCAN, parsed as Redis's parseScanCursorOrReply and
 * scanGenericCommand do: the cursor is C's {@code strtoul} (sign allowed, wraps when negative),
 * COUNT must be at least 1, MATCH "*" means no filtering.
 */
public record ScanRequest(byte[] pattern, long count) {

    /** Parses the options from {@code argv[from]} on. */
    public static ScanRequest parse(byte[][] argv, int from) {
        byte[] pattern = null;
        long count = 10;
        int i = from;
        while (i < argv.length) {
            int left = argv.length - i;
            if (Args.is(argv[i], "COUNT") && left >= 2) {
                count = Args.parseLong(argv[i + 1]);
                if (count < 1) {
                    throw new CommandException(Errors.SYNTAX);
                }
                i += 2;
            } else if (Args.is(argv[i], "MATCH") && left >= 2) {
                pattern = Glob.matchesEverything(argv[i + 1]) ? null : argv[i + 1];
                i += 2;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        return new ScanRequest(pattern, count);
    }

    /** True when {@code element} passes MATCH. */
    public boolean matches(byte[] element) {
        return pattern == null || Glob.matches(pattern, element, false);
    }

    /** C's strtoul over the whole argument, as Redis reads a SCAN cursor. */
    public static long parseCursor(byte[] s) {
        if (s.length > 0 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) {
            throw new CommandException(Errors.INVALID_CURSOR);
        }
        int i = 0;
        boolean negative = false;
        if (s.length > 0 && (s[0] == '+' || s[0] == '-')) {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.length) {
            if (s.length == 0) {
                return 0; // strtoul("") consumes nothing and leaves eptr at the terminator
            }
            throw new CommandException(Errors.INVALID_CURSOR);
        }
        long v = 0;
        for (; i < s.length; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                throw new CommandException(Errors.INVALID_CURSOR);
            }
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
