package io.redoubt.scripting;

/**
 * Redis's {@code math.random} source: the rand48 generator of Redis's rand.c (48-bit linear
 * congruential, multiplier 0x5DEECE66D, increment 0xB), started from rand48's default state and never
 * reseeded between scripts, so every node draws the same sequence for the same scripts, as Redis does.
 */
public final class Rand48 {
    private static final long MASK = (1L << 48) - 1;
    private static final long INITIAL = 0x1234ABCD330EL;
    private static final double MAX = Integer.MAX_VALUE; // REDIS_LRAND48_MAX

    private long x = INITIAL;

    /** redisSrand48: the seed's 32 bits above rand48's fixed low word. */
    public void seed(int seed) {
        x = (((long) seed & 0xFFFFFFFFL) << 16 | 0x330E) & MASK;
    }

    /** redis_math_random's r: a double in [0, 1). */
    public double next() {
        x = (0x5DEECE66DL * x + 0xB) & MASK;
        long r = x >>> 17;
        return (r % Integer.MAX_VALUE) / MAX;
    }
}
