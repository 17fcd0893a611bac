package io.redoubt.engine.command;

import io.redoubt.resp.Errors;
import java.nio.charset.StandardCharsets;

/** Parses command arguments exactly as Redis does (string2ll, strtod), throwing Redis's errors. */
public final class Args {
    private Args() {
    }

    /** Redis's string2ll: optional '-', no '+', no leading zeros, no blanks, no overflow. */
    public static boolean isLong(byte[] s) {
        return parseLongOrNull(s) != null;
    }

    public static long parseLong(byte[] s) {
        Long v = parseLongOrNull(s);
        if (v == null) {
            throw new CommandException(Errors.NOT_INTEGER);
        }
        return v;
    }

    /** Like {@link #parseLong} with a custom error text. */
    public static long parseLong(byte[] s, String error) {
        Long v = parseLongOrNull(s);
        if (v == null) {
            throw new CommandException(error);
        }
        return v;
    }

    public static Long parseLongOrNull(byte[] s) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return null;
        }
        if (len == 1 && s[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // accumulate negatively so that Long.MIN_VALUE parses
            if (v < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return null;
            }
            v = -v;
        }
        return v;
    }

    /** An int argument; values outside int range give {@code error}. */
    public static int parseInt(byte[] s, String error) {
        Long v = parseLongOrNull(s);
        if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandException(error);
        }
        return (int) (long) v;
    }

    /** Redis's getDoubleFromObject: strtod over the whole argument; NaN refused. */
    public static double parseDouble(byte[] s) {
        return parseDouble(s, Errors.NOT_FLOAT);
    }

    public static double parseDouble(byte[] s, String error) {
        Double v = parseDoubleOrNull(s);
        if (v == null) {
            throw new CommandException(error);
        }
        return v;
    }

    public static Double parseDoubleOrNull(byte[] s) {
        if (s.length == 0 || s.length > 5120 || isSpace(s[0])) {
            return null;
        }
        String text = new String(s, StandardCharsets.ISO_8859_1);
        String body = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        boolean negative = text.startsWith("-");
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isDecimal(body)) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Double.isInfinite(v) || Double.isNaN(v)) {
            return null; // strtod reports ERANGE on overflow
        }
        return v;
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    public static boolean is(byte[] arg, String option) {
        if (arg.length != option.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i] & 0xff;
            int b = option.charAt(i);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The decimal form of {@code v} as bytes. */
    public static byte[] bytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
