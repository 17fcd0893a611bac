package io.redoubt.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles the way Redis 7.0 does with C's {@code printf("%.17g")}: 17 significant digits,
 * trailing zeros removed, scientific notation when the exponent is below -4 or at least 17, and
 * {@code inf}, {@code -inf} and {@code nan} for the special values.
 */
public final class DoubleFormat {
    private DoubleFormat() {
    }

    public static String g17(double value) {
        return g(value, 17);
    }

    /** C's {@code %.<precision>g}. */
    public static String g(double value, int precision) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        return g(new BigDecimal(value), precision);
    }

    /** C's {@code %.<precision>g} of an exact decimal value (used for long double emulation too). */
    public static String g(BigDecimal exact, int precision) {
        if (exact.signum() == 0) {
            return "0";
        }
        BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        String text;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String digits = stripZeros(mantissa.setScale(precision - 1, RoundingMode.HALF_EVEN).toPlainString());
            String exp = Integer.toString(Math.abs(exponent));
            text = digits + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        } else {
            int decimals = Math.max(precision - 1 - exponent, 0);
            text = stripZeros(rounded.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
        }
        return text;
    }

    private static String stripZeros(String plain) {
        if (plain.indexOf('.') < 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return plain.substring(0, end);
    }
}
