package io.redoubt.engine.zsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.redoubt.engine.testing.RandomCases;
import org.junit.jupiter.api.Test;

/**
 * The listpack form of a sorted set against the B+tree, across the conversion threshold: a
 * {@link SortedSetValue} under small limits (5 members, 8-byte members) starts compact and converts
 * as Redis does, a {@link BTreeZSet} with tiny nodes (so it splits and merges) takes the same
 * operations; both must answer every query the same. Scores cover every packed score form: the
 * one-byte integers 0..127 and their edges (-1, 128), the 1-, 2- and 4-byte integers, doubles, the
 * infinities and -0.
 */
class ZSetEncodingPropertyTest {
    private static final int MAX_ENTRIES = 5;
    private static final int MAX_VALUE = 8;
    private static final EncodingLimits LIMITS = EncodingLimits.DEFAULT
            .withZsetMaxListpackEntries(MAX_ENTRIES).withZsetMaxListpackValue(MAX_VALUE);
    private static final List<String> MEMBERS = List.of("", "a", "b", "m1", "m2", "m3", "z", "\u00ff", "longer-than-8");
    private static final double[] PROBES = {Double.NEGATIVE_INFINITY, -2147483649.0, -40000, -129, -128, -1.5, -1, 0,
        0.5, 1, 2, 126.5, 127, 128, 255, 32767, 32768, 2147483647.0, 1e300, Double.POSITIVE_INFINITY};

    /** Adds or rescores {@code member} when {@code score} is not NaN, removes it otherwise. */
    record Op(String member, double score) {
    }

    /**
     * Up to 40 operations, four adds or rescores to one removal; scores mostly small integers around the
     * one-byte range, then the probes, signed zeros, any int and any double up to a million.
     */
    private static List<Op> operations(Random random) {
        List<Op> ops = new ArrayList<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            String member = MEMBERS.get(random.nextInt(MEMBERS.size()));
            ops.add(random.nextInt(5) == 0 ? new Op(member, Double.NaN) : new Op(member, score(random)));
        }
        return ops;
    }

    private static double score(Random random) {
        int pick = random.nextInt(9);
        if (pick < 4) {
            return -3 + random.nextInt(134);
        } else if (pick < 6) {
            return PROBES[random.nextInt(PROBES.length)];
        } else if (pick == 6) {
            return random.nextBoolean() ? -0.0 : 0.0;
        } else if (pick == 7) {
            return random.nextInt();
        }
        return -1e6 + 2e6 * random.nextDouble();
    }

    /** 300 random operation lists from a fixed seed, so a failure repeats. */
    @Test
    void compactAndFullAnswerTheSame() {
        RandomCases.check(20261208, 300, r -> operations(r), ops -> compactAndFullAnswerTheSame(ops));
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> visit(ZSetStore z, int start, int count, boolean reverse) {
        List<String> out = new ArrayList<>();
        // -0 and 0 are one score to both (listpack stores -0 as 0, as Redis does)
        z.visit(start, count, reverse, (m, s) -> out.add(new String(m, StandardCharsets.ISO_8859_1) + "=" + (s + 0.0)));
        return out;
    }

    /** Every member at one score, so the lex counts (defined only then) are checked too: 100 lists. */
    @Test
    void compactAndFullAnswerTheSameAtOneScore() {
        RandomCases.check(1208, 100, r -> {
            double score = PROBES[r.nextInt(PROBES.length)];
            return operations(r).stream().map(op -> Double.isNaN(op.score()) ? op : new Op(op.member(), score)).toList();
        }, ops -> compactAndFullAnswerTheSame(ops));
    }


    private static void compactAndFullAnswerTheSame(List<Op> ops) {
        SortedSetValue compact = SortedSetValue.empty();
        BTreeZSet full = new BTreeZSet(4, 4);
        boolean converted = false;
        for (Op op : ops) {
            byte[] m = bytes(op.member());
            double old = full.score(m);
            if (Double.isNaN(op.score())) {
                assertThat(compact.remove(m)).isEqualTo(full.remove(m)).isEqualTo(!Double.isNaN(old));
            } else if (Double.isNaN(old)) {
                compact.insert(m, op.score(), LIMITS);
                full.insert(m, op.score());
                converted |= full.size() > MAX_ENTRIES || m.length > MAX_VALUE;
            } else {
                compact.update(m, old, op.score());
                full.update(m, old, op.score());
            }
            full.checkInvariants();
            // Redis converts once past a limit and never back (until a Z*STORE result is rebuilt)
            assertThat(compact.encoding()).isEqualTo(converted ? "skiplist" : "listpack");
            check(compact.store(), full);
            check(compact.copy() instanceof SortedSetValue c ? c.store() : null, full);
        }
        if (!converted) {
            // rebuilt results go back to listpack when small, as Redis's zsetConvertToListpackIfNeeded
            return;
        }
        compact.compactIfSmall(LIMITS);
        boolean small = full.size() <= MAX_ENTRIES && MEMBERS.stream()
                .filter(s -> !Double.isNaN(full.score(bytes(s)))).allMatch(s -> s.length() <= MAX_VALUE);
        assertThat(compact.encoding()).isEqualTo(small ? "listpack" : "skiplist");
        check(compact.store(), full);
    }

    private static void check(ZSetStore z, BTreeZSet full) {
        assertThat(z.size()).isEqualTo(full.size());
        assertThat(visit(z, 0, z.size(), false)).isEqualTo(visit(full, 0, full.size(), false));
        assertThat(visit(z, z.size() - 1, z.size(), true)).isEqualTo(visit(full, full.size() - 1, full.size(), true));
        for (int start = 0; start < z.size(); start++) {
            assertThat(visit(z, start, 1, false)).isEqualTo(visit(full, start, 1, false));
        }
        java.util.Set<Double> scores = new java.util.HashSet<>();
        full.visit(0, full.size(), false, (m, sc) -> scores.add(sc + 0.0));
        boolean oneScore = scores.size() <= 1;
        for (String s : MEMBERS) {
            byte[] m = bytes(s);
            assertThat(z.rank(m)).isEqualTo(full.rank(m));
            // boxed: NaN (absent) equals NaN; + 0.0 makes -0 and 0 one score
            assertThat(Double.valueOf(z.score(m) + 0.0)).isEqualTo(Double.valueOf(full.score(m) + 0.0));
            // lex ranges are defined only when every score is equal (Redis leaves the rest unspecified)
            for (boolean inclusive : oneScore ? new boolean[] {false, true} : new boolean[0]) {
                assertThat(z.countLexBelow(m, inclusive)).isEqualTo(full.countLexBelow(m, inclusive));
                assertThat(z.countLexAbove(m, inclusive)).isEqualTo(full.countLexAbove(m, inclusive));
            }
        }
        for (double p : PROBES) {
            assertThat(z.countScoreBelow(p, false)).isEqualTo(full.countScoreBelow(p, false));
            assertThat(z.countScoreBelow(p, true)).isEqualTo(full.countScoreBelow(p, true));
        }
    }
}
