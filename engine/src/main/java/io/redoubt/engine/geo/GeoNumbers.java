package io.redoubt.engine.geo;

import io.redoubt.engine.command.LongDouble;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The three ways Redis 7.0 prints geo numbers: distances with four fixed decimals (its
 * {@code fixedpoint_d2string}: the value times 10^4 rounded half-even to an integer), coordinates as
 * {@code "%.17Lf"} with trailing zeros cut (its human long double form), and C's {@code "%f"} in the
 * invalid-pair error. BigDecimal holds a double's exact value, so the rounding matches glibc's printf.
 */
final class GeoNumbers {
    private GeoNumbers() {
    }

    /** A distance as GEODIST and WITHDIST print it. */
    static String distance(double d) {
        if (d == 0) {
            return "0.0000";
        }
        long scaled = (long) Math.rint(d * 10000.0);
        boolean negative = scaled < 0;
        String digits = Long.toString(Math.abs(scaled));
        StringBuilder out = new StringBuilder(digits.length() + 3);
        if (negative) {
            out.append('-');
        }
        for (int i = digits.length(); i < 5; i++) {
            out.append('0');
        }
        out.append(digits);
        out.insert(out.length() - 4, '.');
        return out.toString();
    }

    /** A coordinate as GEOPOS and WITHCOORD print it: the double widened to a long double, human form. */
    static String coordinate(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return LongDouble.format(new BigDecimal(d));
    }

    /** C's {@code "%f"}: six decimals, the sign kept even when the digits round to zero. */
    static String printfF(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        return negative && !s.startsWith("-") ? "-" + s : s;
    }
}
