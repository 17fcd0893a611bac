package io.redoubt.it.streams;

import io.redoubt.testkit.DifferentialTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * Node boundaries are visible through approximate trimming, so Redoubt must split nodes where Redis
 * does, by entry count and by listpack bytes. Seeded random mixes of XADD, XDEL and XTRIM with
 * entries of varied sizes (numbers, short and long strings) must give identical replies.
 */
class StreamNodeDifferentialTest extends DifferentialTest {

    private static String value(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> Integer.toString(r.nextInt(-100000, 100000));
            case 1 -> Long.toString(r.nextLong());
            case 2 -> "v".repeat(r.nextInt(1, 70));
            case 3 -> "w".repeat(r.nextInt(60, 300));
            default -> "0" + r.nextInt(100);
        };
    }

    @RepeatedTest(6)
    void randomTrimsMatch(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(7919L * info.getCurrentRepetition());
        if (info.getCurrentRepetition() % 2 == 0) {
            same("CONFIG", "SET", "stream-node-max-bytes", Integer.toString(r.nextInt(200, 2000)));
        }
        long ms = 1;
        for (int step = 0; step < 600; step++) {
            int op = r.nextInt(20);
            if (op < 16) {
                ms += r.nextInt(1, 3000);
                int fields = r.nextInt(1, 4);
                String[] args = new String[3 + 2 * fields];
                args[0] = "XADD";
                args[1] = "s";
                args[2] = ms + "-" + r.nextInt(0, 3);
                boolean sameFields = r.nextBoolean();
                for (int f = 0; f < fields; f++) {
                    args[3 + 2 * f] = sameFields ? "f" + f : value(r);
                    args[4 + 2 * f] = value(r);
                }
                same(args);
            } else if (op < 18) {
                long target = r.nextLong(1, ms + 1);
                same("XDEL", "s", target + "-0", target + "-1", target + "-2");
            } else if (op == 18) {
                same("XTRIM", "s", "MAXLEN", "~", Integer.toString(r.nextInt(0, 400)));
            } else {
                same("XTRIM", "s", "MINID", "~", Long.toString(r.nextLong(1, ms + 1)));
            }
        }
        same("XLEN", "s");
        same("XRANGE", "s", "-", "+", "COUNT", "5");
        same("CONFIG", "SET", "stream-node-max-bytes", "4096");
    }

    @Test
    void largeEntriesStartNewNodes() {
        String big = "x".repeat(1500);
        for (int i = 1; i <= 30; i++) {
            same("XADD", "s", i + "-1", "field", big, "n", Integer.toString(i));
        }
        same("XTRIM", "s", "MAXLEN", "~", "10");
        same("XLEN", "s");
        same("XTRIM", "s", "MINID", "~", "25");
        same("XLEN", "s");
        same("XRANGE", "s", "-", "+", "COUNT", "1");
    }
}
