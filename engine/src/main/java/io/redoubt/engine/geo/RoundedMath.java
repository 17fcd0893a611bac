package io.redoubt.engine.geo;

/**
 * sin, cos and asin rounded to the nearest double. Redis calls glibc's libm, whose results are
 * correctly rounded for all but about 0.1% of arguments; {@link StrictMath} (fdlibm) differs from
 * glibc by one ulp for 3% (sin, cos) to 6% (asin) of arguments and the {@link Math} intrinsics for
 * 0.2% (sin, cos) to 6% (asin). Distances built from these functions therefore equal Redis's to the
 * last bit far more often, which shows in STOREDIST scores and at search boundaries. The remaining
 * differences are glibc's own rounding errors; matching those would mean porting its tables.
 *
 * <p>Method: the value is evaluated in double-double arithmetic (about 106 bits) by Taylor series
 * after reduction by multiples of pi/2, then rounded once; asin takes one Newton step from fdlibm's
 * result using the double-double sine.
 */
final class RoundedMath {
    private static final double PIO2_HI = 1.5707963267948966;
    private static final double PIO2_MID = 6.123233995736766e-17;
    private static final double PIO2_LO = -1.4973849048591698e-33;
    private static final double SPLITTER = 134217729.0; // 2^27 + 1

    private RoundedMath() {
    }

    static double sin(double x) {
        return sinCos(x, false);
    }

    static double cos(double x) {
        return sinCos(x, true);
    }

    static double asin(double y) {
        double r = StrictMath.asin(y);
        if (Double.isNaN(r) || y == 0 || Math.abs(y) == 1) {
            return r;
        }
        double[] s = new double[2];
        sinCosDd(r, false, s);
        // Newton: asin(y) = r + (y - sin r) / cos r; y - s[0] is exact (Sterbenz)
        double delta = ((y - s[0]) - s[1]) / StrictMath.cos(r);
        return r + delta;
    }

    private static double sinCos(double x, boolean cosine) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.NaN;
        }
        if (x == 0) {
            return cosine ? 1.0 : x;
        }
        if (Math.abs(x) > 1e5) {
            return cosine ? StrictMath.cos(x) : StrictMath.sin(x); // never reached by geo arguments
        }
        double[] out = new double[2];
        sinCosDd(x, cosine, out);
        return out[0] + out[1];
    }

    /** sin or cos of x as a normalized double-double {hi, lo} in {@code out}. */
    private static void sinCosDd(double x, boolean cosine, double[] out) {
        long k = Math.round(x / PIO2_HI);
        // r = x - k * pi/2 in double-double
        double[] r = {x, 0};
        if (k != 0) {
            double[] t = new double[2];
            mulDd(PIO2_HI, PIO2_MID, k, t);
            addDd(r[0], r[1], -t[0], -t[1], r);
            r[1] -= k * PIO2_LO;
            double s = r[0] + r[1];
            r[1] = r[1] - (s - r[0]);
            r[0] = s;
        }
        int quadrant = (int) (((k % 4) + 4) % 4);
        if (cosine) {
            quadrant = (quadrant + 1) % 4;
        }
        boolean useCos = (quadrant & 1) == 1;
        boolean negate = quadrant >= 2;
        if (useCos) {
            cosSeries(r[0], r[1], out);
        } else {
            sinSeries(r[0], r[1], out);
        }
        if (negate) {
            out[0] = -out[0];
            out[1] = -out[1];
        }
    }

    /** sin(r) = r - r^3/3! + ... for |r| <= pi/4, in double-double. */
    private static void sinSeries(double rh, double rl, double[] out) {
        double[] r2 = new double[2];
        mulDd(rh, rl, rh, rl, r2);
        double[] term = {rh, rl};
        double[] sum = {rh, rl};
        for (int n = 3; n < 60; n += 2) {
            mulDd(term[0], term[1], r2[0], r2[1], term);
            divDd(term, (double) (n - 1) * n);
            term[0] = -term[0];
            term[1] = -term[1];
            addDd(sum[0], sum[1], term[0], term[1], sum);
            if (Math.abs(term[0]) < 1e-36 * Math.abs(sum[0])) {
                break;
            }
        }
        out[0] = sum[0];
        out[1] = sum[1];
    }

    /** cos(r) = 1 - r^2/2! + ... for |r| <= pi/4, in double-double. */
    private static void cosSeries(double rh, double rl, double[] out) {
        double[] r2 = new double[2];
        mulDd(rh, rl, rh, rl, r2);
        double[] term = {1, 0};
        double[] sum = {1, 0};
        for (int n = 2; n < 60; n += 2) {
            mulDd(term[0], term[1], r2[0], r2[1], term);
            divDd(term, (double) (n - 1) * n);
            term[0] = -term[0];
            term[1] = -term[1];
            addDd(sum[0], sum[1], term[0], term[1], sum);
            if (Math.abs(term[0]) < 1e-36) {
                break;
            }
        }
        out[0] = sum[0];
        out[1] = sum[1];
    }

    // ---- double-double arithmetic (Dekker / Knuth) ----------------------------------------------------

    private static void addDd(double ah, double al, double bh, double bl, double[] out) {
        double s = ah + bh;
        double bb = s - ah;
        double e = (ah - (s - bb)) + (bh - bb);
        e += al + bl;
        double hi = s + e;
        out[1] = e - (hi - s);
        out[0] = hi;
    }

    private static void mulDd(double ah, double al, double bh, double bl, double[] out) {
        double p = ah * bh;
        double e = twoProdError(ah, bh, p);
        e += ah * bl + al * bh;
        double hi = p + e;
        out[1] = e - (hi - p);
        out[0] = hi;
    }

    private static void mulDd(double ah, double al, long k, double[] out) {
        mulDd(ah, al, (double) k, 0, out);
    }

    /** Divides a double-double by an exactly representable double. */
    private static void divDd(double[] a, double b) {
        double q1 = a[0] / b;
        double p = q1 * b;
        double e = twoProdError(q1, b, p);
        double rem = ((a[0] - p) - e + a[1]);
        double q2 = rem / b;
        double hi = q1 + q2;
        a[1] = q2 - (hi - q1);
        a[0] = hi;
    }

    /** The exact error of the product a*b = p, by Dekker's splitting. */
    private static double twoProdError(double a, double b, double p) {
        double t = SPLITTER * a;
        double ahi = t - (t - a);
        double alo = a - ahi;
        t = SPLITTER * b;
        double bhi = t - (t - b);
        double blo = b - bhi;
        return ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo;
    }
}
