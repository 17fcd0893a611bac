package io.redoubt.it.sets;

import io.redoubt.it.hashes.RedoubtProbe;
import io.redoubt.testkit.DifferentialTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of set writes and set algebra on integer sets (intsets, whose order is
 * defined), every reply compared with Redis byte for byte.
 */
class SetRandomOpsDifferentialTest extends DifferentialTest {

    @BeforeEach
    void emptyRedoubt() {
        RedoubtProbe.flush();
    }

    @Test
    void randomOperationsOnIntegerSetsMatch() {
        SplittableRandom random = new SplittableRandom(1128);
        String[] keys = {"a", "b", "c"};
        for (int step = 0; step < 600; step++) {
            String k1 = keys[random.nextInt(keys.length)];
            String k2 = keys[random.nextInt(keys.length)];
            String m = Integer.toString(random.nextInt(-20, 20));
            switch (random.nextInt(11)) {
                case 0, 1 -> same("SADD", k1, m, Integer.toString(random.nextInt(-20, 20)));
                case 2 -> same("SREM", k1, m, Integer.toString(random.nextInt(-20, 20)));
                case 3 -> same("SMOVE", k1, k2, m);
                case 4 -> same("SMEMBERS", k1);
                case 5 -> same("SINTER", k1, k2, keys[random.nextInt(keys.length)]);
                case 6 -> same("SUNION", k1, k2);
                case 7 -> same("SDIFF", k1, k2, keys[random.nextInt(keys.length)]);
                case 8 -> same(random.nextBoolean() ? "SINTERSTORE" : "SDIFFSTORE", k1, k2,
                        keys[random.nextInt(keys.length)]);
                case 9 -> same("SINTERCARD", "2", k1, k2, "LIMIT", Integer.toString(random.nextInt(4)));
                default -> same("SMISMEMBER", k1, m, "0");
            }
        }
    }
}
