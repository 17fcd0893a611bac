package io.redoubt.it.hashes;

import io.redoubt.testkit.DifferentialTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of hash writes and reads on listpack-sized hashes, every reply compared
 * with Redis byte for byte: field order after updates, deletes and re-inserts must be Redis's.
 */
class HashRandomOpsDifferentialTest extends DifferentialTest {

    @BeforeEach
    void emptyRedoubt() {
        RedoubtProbe.flush();
    }

    @Test
    void randomOperationsOnSmallHashesMatch() {
        SplittableRandom random = new SplittableRandom(20261128);
        String[] keys = {"h1", "h2"};
        for (int step = 0; step < 600; step++) {
            String key = keys[random.nextInt(keys.length)];
            String field = "f" + random.nextInt(8);
            switch (random.nextInt(9)) {
                case 0, 1 -> same("HSET", key, field, "v" + random.nextInt(100), "f" + random.nextInt(8), "w");
                case 2 -> same("HDEL", key, field, "f" + random.nextInt(8));
                case 3 -> same("HSETNX", key, field, "n" + step);
                case 4 -> same("HINCRBY", key, "count" + random.nextInt(2), Integer.toString(random.nextInt(-50, 50)));
                case 5 -> same("HINCRBYFLOAT", key, "float", (random.nextInt(-999, 999) / 100.0) + "");
                case 6 -> same("HGETALL", key);
                case 7 -> same("HMGET", key, field, "count0", "float");
                default -> same("HSCAN", key, "0", "MATCH", "f*");
            }
        }
    }
}
