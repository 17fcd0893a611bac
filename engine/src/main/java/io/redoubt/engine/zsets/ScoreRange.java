package io.redoubt.engine.zsets;

import io.redoubt.engine.command.CommandException;
import java.nio.charset.StandardCharsets;

/**
 * A score interval as ZRANGEBYSCORE takes it: {@code (} before a bound makes it exclusive, and
 * {@code -inf}/{@code +inf} are accepted. Parsed as Redis's zslParseRange does (strtod over the
 * whole text, NaN refused).
 */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
    static final String NOT_FLOAT = "ERR min or max is not a float";
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    static ScoreRange parse(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        return new ScoreRange(bound(min, minEx), minEx, bound(max, maxEx), maxEx);
    }

    private static double bound(byte[] arg, boolean exclusive) {
        String text = new String(arg, StandardCharsets.ISO_8859_1);
        if (exclusive) {
            text = text.substring(1);
        }
        // strtod skips leading blanks
        int i = 0;
        while (i < text.length() && " \t\n\r\u000b\f".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        text = text.substring(i);
        if (i == 0 && text.isEmpty()) {
            return 0; // strtod converts nothing and stops at the end: Redis takes that as 0
        }
        Double v = Scores.parseOrNull(text.getBytes(StandardCharsets.ISO_8859_1));
        if (v == null && DECIMAL.matcher(text).matches()) {
            v = Double.parseDouble(text); // out of range: strtod gives ±HUGE_VAL and Redis takes it
        }
        if (v == null) {
            throw new CommandException(NOT_FLOAT);
        }
        return v;
    }

    /** The ranks {@code [first, end)} of the elements inside this range. */
    int first(ZSetStore z) {
        return z.countScoreBelow(min, minExclusive);
    }

    int end(ZSetStore z) {
        return z.countScoreBelow(max, !maxExclusive);
    }
}
