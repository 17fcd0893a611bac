package io.redoubt.engine.zsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both sorted-set encodings checked against a plain model (a map sorted on demand) through random
 * inserts, score changes and removals: ranks, range visits, score and lex counts, and ZSCAN coverage.
 */
class ZSetStoreModelTest {

    private static Supplier<ZSetStore> store(String encoding) {
        return encoding.equals("listpack") ? ListpackZSet::new : SkipListZSet::new;
    }

    private static byte[] member(int i) {
        return ("m" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<Map.Entry<String, Double>> sorted(Map<String, Double> model) {
        List<Map.Entry<String, Double>> items = new ArrayList<>(model.entrySet());
        items.sort((a, b) -> a.getValue().equals(b.getValue()) || a.getValue() - b.getValue() == 0
                ? Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8))
                : Double.compare(a.getValue(), b.getValue()));
        return items;
    }

    @ParameterizedTest
    @ValueSource(strings = {"listpack", "skiplist"})
    void randomOperationsMatchTheModel(String encoding) {
        Random random = new Random(42);
        ZSetStore z = store(encoding).get();
        Map<String, Double> model = new HashMap<>();
        for (int step = 0; step < 4000; step++) {
            int i = random.nextInt(300);
            byte[] m = member(i);
            String key = "m" + i;
            double score = random.nextInt(50) - 25;
            int op = random.nextInt(3);
            if (op == 0 && !model.containsKey(key)) {
                z.insert(m, score);
                model.put(key, score);
            } else if (op == 1 && model.containsKey(key)) {
                z.update(m, model.get(key), score);
                model.put(key, score);
            } else if (op == 2) {
                assertThat(z.remove(m)).isEqualTo(model.remove(key) != null);
            }
            if (step % 200 == 0) {
                check(z, model);
            }
        }
        check(z, model);
    }

    private static void check(ZSetStore z, Map<String, Double> model) {
        List<Map.Entry<String, Double>> expected = sorted(model);
        assertThat(z.size()).isEqualTo(expected.size());
        List<String> forward = new ArrayList<>();
        z.visit(0, z.size(), false, (m, s) -> forward.add(new String(m, StandardCharsets.UTF_8)));
        assertThat(forward).containsExactlyElementsOf(expected.stream().map(Map.Entry::getKey).toList());
        if (z.size() > 0) {
            List<String> backward = new ArrayList<>();
            z.visit(z.size() - 1, z.size(), true, (m, s) -> backward.add(new String(m, StandardCharsets.UTF_8)));
            assertThat(backward.reversed()).isEqualTo(forward);
        }
        for (int r = 0; r < expected.size(); r++) {
            byte[] m = expected.get(r).getKey().getBytes(StandardCharsets.UTF_8);
            assertThat(z.rank(m)).isEqualTo(r);
            assertThat(z.score(m)).isEqualTo(expected.get(r).getValue());
        }
        assertThat(z.rank("absent".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(z.score("absent".getBytes(StandardCharsets.UTF_8))).isNaN();
        for (double s = -26; s <= 26; s += 0.5) {
            double bound = s;
            long below = model.values().stream().filter(v -> v < bound).count();
            long atOrBelow = model.values().stream().filter(v -> v <= bound).count();
            assertThat(z.countScoreBelow(s, false)).isEqualTo(below);
            assertThat(z.countScoreBelow(s, true)).isEqualTo(atOrBelow);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"listpack", "skiplist"})
    void lexCountsOnEqualScores(String encoding) {
        ZSetStore z = store(encoding).get();
        for (String m : List.of("a", "b", "bb", "c", "\u00ff", "")) {
            z.insert(m.getBytes(StandardCharsets.ISO_8859_1), 0);
        }
        assertThat(z.countLexBelow("b".getBytes(), false)).isEqualTo(2);
        assertThat(z.countLexBelow("b".getBytes(), true)).isEqualTo(3);
        assertThat(z.countLexBelow("bc".getBytes(), true)).isEqualTo(4);
        assertThat(z.countLexBelow(new byte[] {(byte) 0xff}, false)).isEqualTo(5);
        assertThat(z.countLexBelow(new byte[0], false)).isZero();
        assertThat(z.countLexAbove("b".getBytes(), false)).isEqualTo(3);
        assertThat(z.countLexAbove("b".getBytes(), true)).isEqualTo(4);
        assertThat(z.countLexAbove(new byte[] {(byte) 0xff}, true)).isEqualTo(1);
    }

    @org.junit.jupiter.api.Test
    void scanReturnsEveryMemberPresentThroughoutEvenWhileTheTableResizes() {
        SkipListZSet z = new SkipListZSet();
        for (int i = 0; i < 1000; i++) {
            z.insert(member(i), i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = z.scan(cursor, 10, (m, s) -> seen.add(new String(m, StandardCharsets.UTF_8)));
            calls++;
            // grow and shrink between calls: members 0..499 stay throughout
            if (calls == 5) {
                for (int i = 1000; i < 3000; i++) {
                    z.insert(member(i), i);
                }
            }
            if (calls == 40) {
                for (int i = 500; i < 3000; i++) {
                    z.remove(member(i));
                }
            }
        } while (cursor != 0);
        for (int i = 0; i < 500; i++) {
            assertThat(seen).contains("m" + i);
        }
    }

    @org.junit.jupiter.api.Test
    void listpackStoresNegativeZeroAsZeroLikeRedis() {
        ListpackZSet z = new ListpackZSet();
        z.insert("a".getBytes(), -0.0);
        assertThat(1 / z.score("a".getBytes())).isPositive();
        SkipListZSet big = new SkipListZSet();
        big.insert("a".getBytes(), -0.0);
        assertThat(1 / big.score("a".getBytes())).isNegative();
    }
}
