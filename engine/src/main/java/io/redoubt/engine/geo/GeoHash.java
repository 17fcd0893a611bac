package io.redoubt.engine.geo;

/**
 * Redis's geohash arithmetic on a {@code (bits, step)} pair: {@code step} halvings of each axis, the
 * longitude cell in the odd bits and the latitude cell in the even bits. A stored geo score is a
 * step-26 hash, i.e. a 52-bit integer held exactly by a double.
 *
 * <p>Every operation follows Redis's order of floating-point operations so results match to the bit;
 * unsigned C arithmetic is reproduced with Java longs.
 */
final class GeoHash {
    static final int STEP_MAX = 26;
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;

    /** A cell: lower/upper bounds of both axes. */
    record Area(double longMin, double longMax, double latMin, double latMax) {
    }

    private GeoHash() {
    }

    /** Spreads the low 32 bits of x to even positions and of y to odd positions. */
    static long interleave(long xlo, long ylo) {
        long x = xlo & 0xFFFFFFFFL;
        long y = ylo & 0xFFFFFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        y = (y | (y << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        y = (y | (y << 1)) & 0x5555555555555555L;
        return x | (y << 1);
    }

    /** The inverse of {@link #interleave}: even bits in the low word, odd bits in the high word. */
    static long deinterleave(long interleaved) {
        long x = interleaved;
        long y = interleaved >>> 1;
        x = x & 0x5555555555555555L;
        y = y & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        y = (y | (y >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        y = (y | (y >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        y = (y | (y >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        y = (y | (y >>> 16)) & 0x00000000FFFFFFFFL;
        return x | (y << 32);
    }

    /** Redis's WGS84 encoding (latitude limited to the Mercator range); the caller checked the limits. */
    static long encode(double longitude, double latitude, int step) {
        return encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, step);
    }

    /** Encodes within the given ranges; GEOHASH re-encodes with the standard ±90 latitude range. */
    static long encode(double longMin, double longMax, double latMin, double latMax,
                       double longitude, double latitude, int step) {
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double longOffset = (longitude - longMin) / (longMax - longMin);
        latOffset *= (double) (1L << step);
        longOffset *= (double) (1L << step);
        // C converts the non-negative offsets to uint32_t by truncation
        return interleave((long) latOffset, (long) longOffset);
    }

    /** The step-26 hash shifted to 52 bits, as stored scores are. */
    static long align52(long bits, int step) {
        return bits << (52 - step * 2);
    }

    /** The cell of a hash in the WGS84 ranges. */
    static Area decode(long bits, int step) {
        long sep = deinterleave(bits);
        double latScale = LAT_MAX - LAT_MIN;
        double longScale = LONG_MAX - LONG_MIN;
        long ilato = sep & 0xFFFFFFFFL;
        long ilono = sep >>> 32;
        double cells = (double) (1L << step);
        return new Area(
                LONG_MIN + (ilono * 1.0 / cells) * longScale,
                LONG_MIN + ((ilono + 1) * 1.0 / cells) * longScale,
                LAT_MIN + (ilato * 1.0 / cells) * latScale,
                LAT_MIN + ((ilato + 1) * 1.0 / cells) * latScale);
    }

    /** The centre of a stored score's cell, clamped to the limits: {longitude, latitude}. */
    static double[] decodeScore(double score) {
        Area a = decode(toUnsigned(score), STEP_MAX);
        double x = (a.longMin + a.longMax) / 2;
        x = Math.max(LONG_MIN, Math.min(LONG_MAX, x));
        double y = (a.latMin + a.latMax) / 2;
        y = Math.max(LAT_MIN, Math.min(LAT_MAX, y));
        return new double[] {x, y};
    }

    /** C's (uint64_t) conversion of a score; scores of geo sets are non-negative integers. */
    private static long toUnsigned(double score) {
        if (score >= 0x1p63) {
            return (long) (score - 0x1p63) ^ Long.MIN_VALUE;
        }
        return (long) score;
    }

    /** Moves a hash one cell east (d > 0) or west (d < 0), wrapping as Redis's bit arithmetic does. */
    static long moveX(long bits, int step, int d) {
        return move(bits, step, d, 0xAAAAAAAAAAAAAAAAL);
    }

    /** Moves a hash one cell north (d > 0) or south (d < 0). */
    static long moveY(long bits, int step, int d) {
        return move(bits, step, d, 0x5555555555555555L);
    }

    /**
     * Adds or subtracts one on the axis whose bits {@code axis} selects: filling the other axis's bit
     * positions with ones makes the carry (or borrow) skip over them.
     */
    private static long move(long bits, int step, int d, long axis) {
        if (d == 0) {
            return bits;
        }
        long moving = bits & axis;
        long other = bits & ~axis;
        long zz = ~axis >>> (64 - step * 2);
        if (d > 0) {
            moving = moving + (zz + 1);
        } else {
            moving = moving | zz;
            moving = moving - (zz + 1);
        }
        moving &= axis >>> (64 - step * 2);
        return moving | other;
    }
}
