package io.redoubt.engine.zsets;

import io.redoubt.engine.command.CommandException;
import java.util.Arrays;

/**
 * A member interval as ZRANGEBYLEX takes it: {@code [x} inclusive, {@code (x} exclusive, {@code -}
 * and {@code +} for the smallest and largest possible strings.
 */
record LexRange(byte[] min, boolean minExclusive, byte[] max, boolean maxExclusive) {
    static final String NOT_RANGE = "ERR min or max not valid string range item";
    /** Markers compared by identity: below and above every member. */
    private static final byte[] MINUS = new byte[0];
    private static final byte[] PLUS = new byte[0];

    static LexRange parse(byte[] min, byte[] max) {
        byte[] lo = item(min);
        byte[] hi = item(max);
        return new LexRange(lo, min[0] == '(', hi, max[0] == '(');
    }

    private static byte[] item(byte[] arg) {
        if (arg.length == 1 && arg[0] == '-') {
            return MINUS;
        }
        if (arg.length == 1 && arg[0] == '+') {
            return PLUS;
        }
        if (arg.length > 0 && (arg[0] == '(' || arg[0] == '[')) {
            return Arrays.copyOfRange(arg, 1, arg.length);
        }
        throw new CommandException(NOT_RANGE);
    }

    private static int count(ZSetStore z, byte[] bound, boolean inclusive) {
        if (bound == MINUS) {
            return 0;
        }
        if (bound == PLUS) {
            return z.size();
        }
        return z.countLexBelow(bound, inclusive);
    }

    /** The ranks {@code [first, end)} of the elements inside this range. */
    int first(ZSetStore z) {
        return count(z, min, minExclusive);
    }

    int end(ZSetStore z) {
        return count(z, max, !maxExclusive);
    }

    private static int countAbove(ZSetStore z, byte[] bound, boolean inclusive) {
        if (bound == MINUS) {
            return z.size();
        }
        if (bound == PLUS) {
            return 0;
        }
        return z.countLexAbove(bound, inclusive);
    }

    /** Like {@link #first} for a reverse walk, which Redis starts from the tail. */
    int firstFromTail(ZSetStore z) {
        return z.size() - countAbove(z, min, !minExclusive);
    }

    /** Like {@link #end} for a reverse walk, which Redis starts from the tail. */
    int endFromTail(ZSetStore z) {
        return z.size() - countAbove(z, max, maxExclusive);
    }
}
