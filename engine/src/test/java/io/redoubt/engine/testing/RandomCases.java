package io.redoubt.engine.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property checks without a property-testing library: {@code count} cases drawn by {@code generate}
 * from a fixed seed (so a failure repeats), each given to {@code check}; a failure names its case.
 */
public final class RandomCases {
    private RandomCases() {
    }

    public static <T> void check(long seed, int count, Function<Random, T> generate, Consumer<T> check) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            T value = generate.apply(random);
            try {
                check.accept(value);
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + " of seed " + seed + ", " + value + ": " + e.getMessage(), e);
            }
        }
    }
}
