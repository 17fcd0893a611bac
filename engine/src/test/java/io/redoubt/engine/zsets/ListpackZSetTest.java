package io.redoubt.engine.zsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packed listpack of a small sorted set: score forms at their edges, binary members, limits. */
class ListpackZSetTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> members(ZSetStore z, boolean reverse) {
        List<String> out = new ArrayList<>();
        z.visit(reverse ? z.size() - 1 : 0, z.size(), reverse,
                (m, s) -> out.add(new String(m, StandardCharsets.ISO_8859_1) + "=" + s));
        return out;
    }

    @Test
    void everyScoreFormRoundTripsExactly() {
        double[] scores = {0, 1, -1, 127, 128, -128, -129, 32767, 32768, -32768, -32769,
            Integer.MAX_VALUE, (double) Integer.MAX_VALUE + 1, Integer.MIN_VALUE, (double) Integer.MIN_VALUE - 1,
            Long.MAX_VALUE, Long.MIN_VALUE, 9007199254740993.0, 0.5, -2.25, 1e-300, Double.MIN_VALUE,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        ListpackZSet z = new ListpackZSet();
        for (int i = 0; i < scores.length; i++) {
            z.insert(b("m" + i), scores[i]);
        }
        for (int i = 0; i < scores.length; i++) {
            assertThat(z.score(b("m" + i))).isEqualTo(scores[i]);
        }
        double previous = Double.NEGATIVE_INFINITY;
        List<Double> seen = new ArrayList<>();
        z.visit(0, z.size(), false, (m, s) -> seen.add(s));
        for (double s : seen) {
            assertThat(s).isGreaterThanOrEqualTo(previous);
            previous = s;
        }
        assertThat(seen).hasSize(scores.length);
    }

    @Test
    void integralScoresTakeTheSmallestFormThatHoldsThem() {
        // 0..127 is the tag byte alone
        assertThat(ListpackZSet.scoreSize(0)).isEqualTo(1);
        assertThat(ListpackZSet.scoreSize(127)).isEqualTo(1);
        assertThat(ListpackZSet.scoreSize(-1)).isEqualTo(2);
        assertThat(ListpackZSet.scoreSize(-128)).isEqualTo(2);
        assertThat(ListpackZSet.scoreSize(128)).isEqualTo(3);
        assertThat(ListpackZSet.scoreSize(128)).isEqualTo(3);
        assertThat(ListpackZSet.scoreSize(-32768)).isEqualTo(3);
        assertThat(ListpackZSet.scoreSize(32768)).isEqualTo(5);
        assertThat(ListpackZSet.scoreSize(Integer.MIN_VALUE)).isEqualTo(5);
        assertThat(ListpackZSet.scoreSize((double) Integer.MAX_VALUE + 1)).isEqualTo(9);
        assertThat(ListpackZSet.scoreSize(0.5)).isEqualTo(9);
        assertThat(ListpackZSet.scoreSize(-0.0)).isEqualTo(9);
        assertThat(ListpackZSet.scoreSize(Double.NaN)).isEqualTo(9);
        ListpackZSet z = new ListpackZSet();
        z.insert(b("ab"), 3);
        z.insert(b(""), 70000);
        z.insert(b("c"), -1);
        // (1 + 2 + 1) + (1 + 0 + 5) + (1 + 1 + 2)
        assertThat(z.packedBytes()).isEqualTo(14);
        assertThat(members(z, false)).containsExactly("c=-1.0", "ab=3.0", "=70000.0");
    }

    @Test
    void binaryAndEmptyMembersOrderUnsignedWithinEqualScores() {
        ListpackZSet z = new ListpackZSet();
        z.insert(new byte[] {(byte) 0xFF}, 1);
        z.insert(new byte[0], 1);
        z.insert(new byte[] {0}, 1);
        z.insert(new byte[] {0x7F}, 1);
        assertThat(members(z, false)).containsExactly("=1.0", "\0=1.0", "\u007F=1.0", "\u00FF=1.0");
        assertThat(members(z, true)).containsExactly("\u00FF=1.0", "\u007F=1.0", "\0=1.0", "=1.0");
        assertThat(z.rank(new byte[0])).isZero();
        assertThat(z.rank(new byte[] {(byte) 0xFF})).isEqualTo(3);
        assertThat(z.countLexBelow(new byte[] {0x7F}, true)).isEqualTo(3);
        assertThat(z.countLexAbove(new byte[] {0x7F}, false)).isEqualTo(1);
        assertThat(z.remove(new byte[0])).isTrue();
        assertThat(z.remove(new byte[0])).isFalse();
        assertThat(z.score(new byte[0])).isNaN();
        assertThat(z.size()).isEqualTo(3);
    }

    @Test
    void longMembersUseTheLongPrefix() {
        ListpackZSet z = new ListpackZSet();
        byte[] big = new byte[300];
        big[299] = 9;
        z.insert(big, 2.5);
        z.insert(b("x"), 1);
        assertThat(z.score(big)).isEqualTo(2.5);
        assertThat(z.packedBytes()).isEqualTo((5 + 300 + 9) + (1 + 1 + 1));
        List<byte[]> got = new ArrayList<>();
        z.visit(1, 1, false, (m, s) -> got.add(m));
        assertThat(got.get(0)).isEqualTo(big);
    }

    @Test
    void convertsAtTheRedisLimitsAndCopiesAreIndependent() {
        EncodingLimits limits = EncodingLimits.DEFAULT;
        SortedSetValue z = SortedSetValue.empty();
        for (int i = 0; i < limits.zsetMaxListpackEntries(); i++) {
            z.insert(b("m" + i), i, limits);
        }
        assertThat(z.encoding()).isEqualTo("listpack");
        SortedSetValue copy = (SortedSetValue) z.copy();
        z.insert(b("extra"), -1, limits);
        assertThat(z.encoding()).isEqualTo("skiplist");
        assertThat(z.rank(b("extra"))).isZero();
        assertThat(copy.encoding()).isEqualTo("listpack");
        assertThat(copy.size()).isEqualTo(limits.zsetMaxListpackEntries());
        assertThat(copy.score(b("m5"))).isEqualTo(5);

        SortedSetValue longMember = SortedSetValue.empty();
        longMember.insert(new byte[limits.zsetMaxListpackValue()], 1, limits);
        assertThat(longMember.encoding()).isEqualTo("listpack");
        longMember.insert(new byte[limits.zsetMaxListpackValue() + 1], 1, limits);
        assertThat(longMember.encoding()).isEqualTo("skiplist");
    }
}
