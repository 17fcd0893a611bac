package io.redoubt.engine.strings;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Emulates the x87 80-bit {@code long double} that Redis uses for INCRBYFLOAT: values are exact
 * {@link BigDecimal}s holding a number representable with a 64-bit mantissa and a 15-bit exponent,
 * parsed like glibc's {@code strtold} (as Redis's {@code string2ld} accepts it), added with one
 * rounding to nearest-even, and printed like {@code printf("%.17Lf")} with trailing zeros removed
 * (Redis's {@code ld2string} "human" mode).
 *
 * <p>So {@code INCRBYFLOAT k 0.1} then {@code 0.2} gives {@code 0.3}, where doubles would give
 * {@code 0.30000000000000004}.
 */
final class LongDouble {
    /** Stands for a parsed infinity: identity-compared, never used as a number. */
    static final BigDecimal INFINITE = new BigDecimal(BigInteger.TEN.pow(10), -99999);

    private static final int MANTISSA_BITS = 64;
    /** Smallest exponent of a normal number; subnormals share the granularity 2^-16445. */
    private static final int MIN_GRANULE = -16382 - (MANTISSA_BITS - 1);
    private static final int MAX_EXPONENT = 16383;
    /** Redis's MAX_LONG_DOUBLE_CHARS. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final double LOG2_10 = Math.log(10) / Math.log(2);

    private LongDouble() {
    }

    /**
     * The value of {@code s} rounded to a long double, {@link #INFINITE} for an infinity, or null when
     * Redis refuses it (blank, leading space, trailing garbage, NaN, overflow or underflow to zero).
     */
    static BigDecimal parse(byte[] s) {
        if (s.length == 0 || s.length >= MAX_CHARS) {
            return null;
        }
        String t = new String(s, StandardCharsets.ISO_8859_1);
        int i = 0;
        boolean negative = false;
        if (t.charAt(0) == '+' || t.charAt(0) == '-') {
            negative = t.charAt(0) == '-';
            i = 1;
        }
        String body = t.substring(i);
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return INFINITE;
        }
        BigDecimal exact;
        if (body.length() > 1 && body.charAt(0) == '0' && (body.charAt(1) == 'x' || body.charAt(1) == 'X')) {
            exact = parseHex(body.substring(2));
        } else {
            exact = parseDecimal(body);
        }
        if (exact == null) {
            return null;
        }
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = round(exact);
        if (rounded == null || rounded.signum() == 0) {
            return null; // ERANGE: overflow to infinity or underflow to zero
        }
        return negative ? rounded.negate() : rounded;
    }

    private static BigDecimal parseDecimal(String b) {
        int n = b.length();
        int i = 0;
        int digits = 0;
        while (i < n && isDigit(b.charAt(i))) {
            i++;
            digits++;
        }
        int mantissaEnd;
        if (i < n && b.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(b.charAt(i))) {
                i++;
                digits++;
            }
        }
        mantissaEnd = i;
        if (digits == 0) {
            return null;
        }
        Long parsedExponent = exponentSuffix(b, i, 'e');
        if (parsedExponent == null) {
            return null; // strtold stops before a malformed exponent: trailing characters
        }
        long exponent = parsedExponent;
        String text = b.substring(0, mantissaEnd);
        // BigDecimal wants a digit on both sides of the point; strtold accepts "1." and ".5".
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.startsWith(".")) {
            text = "0" + text;
        }
        BigDecimal mantissa = new BigDecimal(text);
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        // Far outside the long double range: overflow or underflow, refused either way.
        if (exponent > 20_000 || exponent < -20_000) {
            long magnitude = mantissa.precision() - mantissa.scale() + exponent;
            if (magnitude > 5000 || magnitude < -5000) {
                return magnitude > 0 ? huge() : tiny();
            }
        }
        return mantissa.scaleByPowerOfTen((int) exponent);
    }

    private static BigDecimal huge() {
        return BigDecimal.TEN.pow(6000);
    }

    private static BigDecimal tiny() {
        return BigDecimal.ONE.movePointLeft(6000);
    }

    private static BigDecimal parseHex(String b) {
        int n = b.length();
        int i = 0;
        BigInteger m = BigInteger.ZERO;
        int digits = 0;
        int fraction = 0;
        boolean dot = false;
        while (i < n) {
            char c = b.charAt(i);
            int d = Character.digit(c, 16);
            if (d >= 0) {
                m = m.shiftLeft(4).or(BigInteger.valueOf(d));
                digits++;
                if (dot) {
                    fraction++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
            i++;
        }
        if (digits == 0) {
            return null;
        }
        Long exponent = exponentSuffix(b, i, 'p');
        if (exponent == null) {
            return null;
        }
        if (m.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long e = exponent - 4L * fraction;
        if (e + m.bitLength() > MAX_EXPONENT + 2) {
            return huge();
        }
        if (e + m.bitLength() < MIN_GRANULE - 2) {
            return tiny();
        }
        return new BigDecimal(m).multiply(pow2((int) e));
    }

    /**
     * The exponent written from {@code i} to the end ({@code e-12}, {@code p+3}), 0 when nothing
     * follows, null when malformed or followed by anything else.
     */
    private static Long exponentSuffix(String b, int i, char marker) {
        int n = b.length();
        if (i == n) {
            return 0L;
        }
        if (Character.toLowerCase(b.charAt(i)) != marker) {
            return null;
        }
        int j = i + 1;
        boolean negative = false;
        if (j < n && (b.charAt(j) == '+' || b.charAt(j) == '-')) {
            negative = b.charAt(j) == '-';
            j++;
        }
        int start = j;
        long exponent = 0;
        while (j < n && isDigit(b.charAt(j))) {
            if (exponent < 1_000_000_000L) {
                exponent = exponent * 10 + (b.charAt(j) - '0');
            }
            j++;
        }
        if (j == start || j != n) {
            return null;
        }
        return negative ? -exponent : exponent;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The sum rounded to a long double, or null when it overflows to infinity. */
    static BigDecimal add(BigDecimal a, BigDecimal b) {
        BigDecimal sum = a.add(b);
        return sum.signum() == 0 ? BigDecimal.ZERO : round(sum);
    }

    /**
     * Rounds an exact value to the nearest long double (ties to even); null on overflow, zero on
     * underflow.
     */
    static BigDecimal round(BigDecimal x) {
        BigDecimal abs = x.abs();
        int e = floorLog2(abs) - (MANTISSA_BITS - 1);
        if (e < MIN_GRANULE) {
            e = MIN_GRANULE;
        }
        BigInteger m = abs.multiply(pow2(-e)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        if (m.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if ((long) m.bitLength() + e > MAX_EXPONENT + 1) {
            return null;
        }
        BigDecimal r = new BigDecimal(m).multiply(pow2(e));
        return x.signum() < 0 ? r.negate() : r;
    }

    /** The largest k with 2^k <= x, for x > 0. */
    private static int floorLog2(BigDecimal x) {
        int guess = (int) Math.floor((x.precision() - x.scale() - 1) * LOG2_10);
        while (x.compareTo(pow2(guess)) < 0) {
            guess--;
        }
        while (x.compareTo(pow2(guess + 1)) >= 0) {
            guess++;
        }
        return guess;
    }

    /** 2^k exactly. */
    private static BigDecimal pow2(int k) {
        if (k >= 0) {
            return new BigDecimal(BigInteger.ONE.shiftLeft(k));
        }
        return new BigDecimal(BigInteger.valueOf(5).pow(-k), -k);
    }

    /** {@code printf("%.17Lf")} with trailing zeros (and a bare point) removed; "-0" becomes "0". */
    static String format(BigDecimal v) {
        String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        if (s.indexOf('.') >= 0) {
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }
}
