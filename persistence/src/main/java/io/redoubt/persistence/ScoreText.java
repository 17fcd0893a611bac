package io.redoubt.persistence;

import java.nio.charset.StandardCharsets;

/**
 * A sorted-set score as text inside a listpack, parseable by Redis's strtod: integral values in
 * (-2^52, 2^52) as integers (so the listpack stores them as integers, as Redis's d2string makes it
 * do), infinities as {@code inf}/{@code -inf}, anything else in Java's shortest round-trip form.
 */
final class ScoreText {
    private ScoreText() {
    }

    static byte[] of(double d) {
        String s;
        if (Double.isInfinite(d)) {
            s = d > 0 ? "inf" : "-inf";
        } else if (d > -4503599627370495.0 && d < 4503599627370496.0 && d == (double) (long) d) {
            s = (d == 0 && 1 / d < 0) ? "-0" : Long.toString((long) d);
        } else {
            s = Double.toString(d);
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a listpack score as strtod would for the forms Redis and this class write. */
    static double parse(byte[] b) {
        String s = new String(b, StandardCharsets.US_ASCII).trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    double d = Double.parseDouble(s);
                    if (Double.isNaN(d)) {
                        throw new RdbFormatException("sorted set score is NaN");
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("sorted set score is not a number: " + s);
                }
            }
        }
    }
}
