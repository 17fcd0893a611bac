package io.redoubt.engine.sets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The packed intset: widths at the int16/int32/int64 edges, widening, order, and the set on top. */
class PackedIntsetTest {

    @Test
    void widthIsTheSmallestThatHoldsEveryMember() {
        assertThat(PackedIntset.widthFor(0)).isEqualTo(2);
        assertThat(PackedIntset.widthFor(Short.MAX_VALUE)).isEqualTo(2);
        assertThat(PackedIntset.widthFor(Short.MIN_VALUE)).isEqualTo(2);
        assertThat(PackedIntset.widthFor(Short.MAX_VALUE + 1)).isEqualTo(4);
        assertThat(PackedIntset.widthFor(Short.MIN_VALUE - 1)).isEqualTo(4);
        assertThat(PackedIntset.widthFor(Integer.MAX_VALUE)).isEqualTo(4);
        assertThat(PackedIntset.widthFor(Integer.MIN_VALUE)).isEqualTo(4);
        assertThat(PackedIntset.widthFor(Integer.MAX_VALUE + 1L)).isEqualTo(8);
        assertThat(PackedIntset.widthFor(Integer.MIN_VALUE - 1L)).isEqualTo(8);
        assertThat(PackedIntset.widthFor(Long.MIN_VALUE)).isEqualTo(8);
    }

    @Test
    void widensOnceAndKeepsEveryValueAtTheEdges() {
        PackedIntset s = new PackedIntset();
        long[] edges = {0, -1, 1, Short.MAX_VALUE, Short.MIN_VALUE};
        for (long v : edges) {
            assertThat(s.add(v)).isTrue();
        }
        assertThat(s.width()).isEqualTo(2);
        assertThat(s.packedBytes()).isEqualTo(2 * edges.length);
        s.add(Short.MAX_VALUE + 1);
        assertThat(s.width()).isEqualTo(4);
        s.add(Integer.MIN_VALUE);
        s.add(Integer.MAX_VALUE);
        assertThat(s.width()).isEqualTo(4);
        s.add(Long.MAX_VALUE);
        s.add(Long.MIN_VALUE);
        assertThat(s.width()).isEqualTo(8);
        assertThat(s.add(Long.MIN_VALUE)).isFalse();
        assertThat(s.packedBytes()).isEqualTo(8 * s.size());
        assertThat(s.toString()).isEqualTo("[" + Long.MIN_VALUE + ", " + Integer.MIN_VALUE + ", -32768, -1, 0, 1, 32767, 32768, "
                + Integer.MAX_VALUE + ", " + Long.MAX_VALUE + "]");
        s.removeAt(s.search(Long.MAX_VALUE));
        s.removeAt(s.search(Long.MIN_VALUE));
        assertThat(s.width()).isEqualTo(8); // never narrows, as in Redis
        assertThat(s.search(Long.MAX_VALUE)).isNegative();
        assertThat(s.get(0)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void randomValuesMatchASortedSet() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 30; round++) {
            PackedIntset s = new PackedIntset();
            TreeSet<Long> model = new TreeSet<>();
            for (int op = 0; op < 300; op++) {
                long v = switch (random.nextInt(3)) {
                    case 0 -> random.nextInt(-200, 200);
                    case 1 -> random.nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE);
                    default -> random.nextLong();
                };
                if (round % 3 == 0) {
                    v = random.nextInt(-50, 50);
                }
                if (random.nextInt(4) == 0 && !model.isEmpty()) {
                    long present = model.first();
                    s.removeAt(s.search(present));
                    model.remove(present);
                } else {
                    assertThat(s.add(v)).isEqualTo(model.add(v));
                }
            }
            assertThat(s.size()).isEqualTo(model.size());
            int i = 0;
            for (long v : model) {
                assertThat(s.get(i++)).isEqualTo(v);
            }
            PackedIntset copy = s.copy();
            copy.add(Long.MAX_VALUE - 1);
            assertThat(s.size()).isEqualTo(model.size());
        }
    }

    @Test
    void setValueKeepsRedisOrderAndConvertsAtTheLimit() {
        SetValue s = SetValue.createIntset();
        for (int i = 0; i < 512; i++) {
            s.add(Long.toString(1000 - i * 3L).getBytes(StandardCharsets.US_ASCII), 512);
        }
        assertThat(s.encoding()).isEqualTo("intset");
        long small = s.estimatedBytes();
        s.add(Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII), 513);
        assertThat(s.estimatedBytes()).isGreaterThan(small);
        assertThat(new String(s.sortElements().get(0), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(1000 - 511 * 3L));
        assertThat(s.contains(Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII))).isTrue();
        s.add("x".getBytes(StandardCharsets.US_ASCII), 513);
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.size()).isEqualTo(514);
        SetValue limit = SetValue.createIntset();
        for (int i = 0; i <= 512; i++) {
            limit.add(Integer.toString(i).getBytes(StandardCharsets.US_ASCII), 512);
        }
        assertThat(limit.encoding()).isEqualTo("hashtable");
        assertThat(limit.size()).isEqualTo(513);
    }
}
