package io.redoubt.engine.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Emulates the x87 80-bit {@code long double} that Redis uses for HINCRBYFLOAT (and INCRBYFLOAT):
 * values are exact {@link BigDecimal}s that a 64-bit binary significand can represent, every result
 * is rounded to the nearest such value (ties to even), parsing follows glibc's {@code strtold} and
 * printing follows Redis's {@code ld2string(LD_STR_HUMAN)}: {@code %.17Lf} without trailing zeros.
 *
 * <p>Infinity is represented by {@link #POSITIVE_INFINITY}/{@link #NEGATIVE_INFINITY} sentinels
 * (BigDecimal has none); NaN is never produced because Redis refuses it before arithmetic.
 */
public final class LongDouble {
    /** Sentinel for +inf (compared by identity). */
    public static final BigDecimal POSITIVE_INFINITY = new BigDecimal("1e999999");
    /** Sentinel for -inf (compared by identity). */
    public static final BigDecimal NEGATIVE_INFINITY = new BigDecimal("-1e999999");

    private static final int SIGNIFICAND_BITS = 64;
    private static final int MAX_EXPONENT = 16384 - SIGNIFICAND_BITS;  // largest e in q * 2^e
    private static final int MIN_EXPONENT = -16382 - (SIGNIFICAND_BITS - 1);  // subnormal floor
    private static final int MAX_TEXT = 5 * 1024;  // MAX_LONG_DOUBLE_CHARS

    private LongDouble() {
    }

    public static boolean isInfinite(BigDecimal v) {
        return v == POSITIVE_INFINITY || v == NEGATIVE_INFINITY;
    }

    /**
     * Redis's string2ld: the whole text must be a number strtold accepts (decimal or hexadecimal,
     * inf/infinity), no leading blank, no NaN, no overflow or underflow to zero. Returns null when
     * refused.
     */
    public static BigDecimal parse(byte[] text) {
        if (text.length == 0 || text.length >= MAX_TEXT) {
            return null;
        }
        String s = new String(text, StandardCharsets.ISO_8859_1);
        char first = s.charAt(0);
        if (first == ' ' || (first >= '\t' && first <= '\r')) {
            return null;
        }
        boolean negative = false;
        int i = 0;
        if (first == '+' || first == '-') {
            negative = first == '-';
            i = 1;
        }
        String body = s.substring(i);
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        BigDecimal exact = body.length() > 1 && body.charAt(0) == '0'
                && (body.charAt(1) == 'x' || body.charAt(1) == 'X') ? parseHex(body.substring(2)) : parseDecimal(body);
        if (exact == null) {
            return null;
        }
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal rounded = round(negative ? exact.negate() : exact);
        if (rounded == null || isInfinite(rounded) || rounded.signum() == 0) {
            return null; // ERANGE: overflow to HUGE_VALL or underflow to zero
        }
        return rounded;
    }

    /** {@code a + b} rounded to long double; an infinite result is an infinity sentinel. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (isInfinite(a) || isInfinite(b)) {
            if (isInfinite(a) && isInfinite(b) && a != b) {
                return null; // inf - inf is NaN
            }
            return isInfinite(a) ? a : b;
        }
        return round(a.add(b));
    }

    /** {@code %.17Lf} with trailing zeros (and a lone "-0") removed, as ld2string's human mode. */
    public static String format(BigDecimal v) {
        if (v == POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == NEGATIVE_INFINITY) {
            return "-inf";
        }
        String text = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        text = text.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }

    /**
     * The long double nearest to {@code exact} (ties to even, subnormals included); an infinity
     * sentinel on overflow and zero on underflow.
     */
    static BigDecimal round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return BigDecimal.ZERO;
        }
        boolean negative = exact.signum() < 0;
        BigInteger num = exact.unscaledValue().abs();
        BigInteger den = BigInteger.ONE;
        int scale = exact.scale();
        if (scale > 0) {
            den = BigInteger.TEN.pow(scale);
        } else if (scale < 0) {
            num = num.multiply(BigInteger.TEN.pow(-scale));
        }
        // choose e so that 2^63 <= num / den / 2^e < 2^64
        int e = num.bitLength() - den.bitLength() - SIGNIFICAND_BITS;
        BigInteger q;
        BigInteger[] qr;
        while (true) {
            qr = divide(num, den, e);
            q = qr[0];
            if (q.bitLength() > SIGNIFICAND_BITS) {
                e++;
            } else if (q.bitLength() < SIGNIFICAND_BITS && e > MIN_EXPONENT) {
                e--;
            } else {
                break;
            }
        }
        if (e < MIN_EXPONENT) {
            e = MIN_EXPONENT;
            qr = divide(num, den, e);
            q = qr[0];
        }
        BigInteger divisor = e > 0 ? den.shiftLeft(e) : den;
        int cmp = qr[1].shiftLeft(1).compareTo(divisor);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
            if (q.bitLength() > SIGNIFICAND_BITS) {
                q = q.shiftRight(1);
                e++;
            }
        }
        if (e > MAX_EXPONENT) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        if (q.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal value = e >= 0 ? new BigDecimal(q.shiftLeft(e))
                : new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(-e)), -e);
        return negative ? value.negate() : value;
    }

    /** {num / (den * 2^e)} as quotient and remainder, with the divisor scaled for e > 0. */
    private static BigInteger[] divide(BigInteger num, BigInteger den, int e) {
        return e >= 0 ? num.divideAndRemainder(den.shiftLeft(e)) : num.shiftLeft(-e).divideAndRemainder(den);
    }

    /** digits[.digits][(e|E)[+-]digits], at least one mantissa digit. */
    private static BigDecimal parseDecimal(String s) {
        int n = s.length();
        int i = 0;
        StringBuilder digits = new StringBuilder();
        int fraction = 0;
        while (i < n && isDigit(s.charAt(i))) {
            digits.append(s.charAt(i++));
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                digits.append(s.charAt(i++));
                fraction++;
            }
        }
        if (digits.isEmpty()) {
            return null;
        }
        Long exponent = exponentSuffix(s, i, 'e');
        if (exponent == null) {
            return null;
        }
        BigInteger unscaled = new BigInteger(digits.toString());
        if (unscaled.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long scale = fraction - exponent;
        // far beyond the long double range either way: keep the magnitude, round() decides
        scale = Math.max(-20_000, Math.min(scale, 20_000 + digits.length()));
        return new BigDecimal(unscaled, (int) scale);
    }

    /** hexdigits[.hexdigits][(p|P)[+-]digits] after "0x". */
    private static BigDecimal parseHex(String s) {
        int n = s.length();
        int i = 0;
        BigInteger mantissa = BigInteger.ZERO;
        int digits = 0;
        int fractionBits = 0;
        while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
            mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                mantissa = mantissa.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
                digits++;
                fractionBits += 4;
            }
        }
        if (digits == 0) {
            return null;
        }
        Long exponent = exponentSuffix(s, i, 'p');
        if (exponent == null) {
            return null;
        }
        if (mantissa.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long e = Math.max(-40_000, Math.min(exponent - fractionBits, 40_000));
        return e >= 0 ? new BigDecimal(mantissa.shiftLeft((int) e))
                : new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow((int) -e)), (int) -e);
    }

    /**
     * The exponent after {@code s[i..]}: nothing (0), or the marker (either case), an optional sign
     * and digits that must end the text; null when anything else follows.
     */
    private static Long exponentSuffix(String s, int i, char marker) {
        int n = s.length();
        if (i == n) {
            return 0L;
        }
        if (Character.toLowerCase(s.charAt(i)) != marker) {
            return null;
        }
        i++;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if (i == n) {
            return null;
        }
        long exponent = 0;
        for (; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return null;
            }
            // saturate: anything this large is far outside the long double range anyway
            exponent = Math.min(exponent * 10 + (s.charAt(i) - '0'), 1_000_000L);
        }
        return negative ? -exponent : exponent;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
