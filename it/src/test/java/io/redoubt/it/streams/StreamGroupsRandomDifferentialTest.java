package io.redoubt.it.streams;

import io.redoubt.testkit.DifferentialTest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Seeded random mixes of stream and consumer-group commands whose replies carry no times, compared
 * byte for byte: delivery, acknowledgement, claiming, trimming and the 7.0 entries-read/lag
 * bookkeeping must all agree with Redis 7.0.15.
 */
class StreamGroupsRandomDifferentialTest extends DifferentialTest {

    @RepeatedTest(5)
    void randomGroupWorkloadsMatch(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(104729L * info.getCurrentRepetition());
        String[] groups = {"g1", "g2", "g3"};
        String[] consumers = {"alice", "bob", "carol"};
        long ms = 0;
        same("XADD", "s", "1-0", "f", "v");
        ms = 1;
        for (String g : groups) {
            same("XGROUP", "CREATE", "s", g, "0");
        }
        for (int step = 0; step < 500; step++) {
            String g = groups[r.nextInt(groups.length)];
            String c = consumers[r.nextInt(consumers.length)];
            String someId = r.nextLong(0, ms + 2) + "-" + r.nextInt(0, 2);
            switch (r.nextInt(14)) {
                case 0, 1, 2, 3 -> {
                    ms += r.nextInt(1, 4);
                    same("XADD", "s", ms + "-" + r.nextInt(0, 2), "f", Integer.toString(step));
                }
                case 4, 5 -> same("XREADGROUP", "GROUP", g, c, "COUNT", Integer.toString(r.nextInt(0, 4)), "STREAMS", "s", ">");
                case 6 -> same("XREADGROUP", "GROUP", g, c, "COUNT", "3", "STREAMS", "s", someId);
                case 7 -> same("XACK", "s", g, someId, r.nextLong(0, ms + 2) + "-0");
                case 8 -> same("XDEL", "s", someId);
                case 9 -> same("XCLAIM", "s", g, c, "0", someId, "JUSTID");
                case 10 -> same("XAUTOCLAIM", "s", g, c, "0", someId, "COUNT", Integer.toString(r.nextInt(1, 4)), "JUSTID");
                case 11 -> same("XTRIM", "s", "MAXLEN", Integer.toString(r.nextInt(0, 30)));
                case 12 -> same("XGROUP", "SETID", "s", g, r.nextBoolean() ? "$" : someId);
                default -> same("XREADGROUP", "GROUP", g, c, "NOACK", "COUNT", "2", "STREAMS", "s", ">");
            }
            if (step % 10 == 0) {
                same("XINFO", "GROUPS", "s");
                same("XPENDING", "s", g);
            }
        }
        same("XINFO", "GROUPS", "s");
        same("XLEN", "s");
    }
}
