package io.redoubt.engine.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteTableTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scanReturnsEveryStableKeyWhileTheTableGrowsAndShrinks() {
        ByteTable t = new ByteTable(0);
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            t.put(b("s" + i), null);
            stable.add("s" + i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = t.scan(cursor, 5, (k, v) -> seen.add(new String(k, StandardCharsets.UTF_8)));
            // churn between calls: grow, then shrink, forcing resizes mid-scan
            if (step < 10) {
                for (int i = 0; i < 100; i++) {
                    t.put(b("g" + step + "-" + i), null);
                }
            } else if (step < 20) {
                for (int i = 0; i < 100; i++) {
                    t.remove(b("g" + (step - 10) + "-" + i));
                }
            }
            step++;
        } while (cursor != 0);
        assertThat(seen).containsAll(stable);
    }

    @Test
    void putReplaceRemoveAndMemoryAccounting() {
        ByteTable t = new ByteTable(0);
        long empty = t.estimatedBytes();
        assertThat(t.put(b("a"), b("1"))).isTrue();
        assertThat(t.put(b("a"), b("2"))).isFalse();
        assertThat(t.get(b("a"))).isEqualTo(b("2"));
        assertThat(t.remove(b("a"))).isNotNull();
        assertThat(t.remove(b("a"))).isNull();
        assertThat(t.size()).isZero();
        assertThat(t.estimatedBytes()).isEqualTo(empty);
        for (int i = 0; i < 1000; i++) {
            t.put(b("k" + i), b("v"));
        }
        for (int i = 0; i < 1000; i++) {
            t.remove(b("k" + i));
        }
        assertThat(t.estimatedBytes()).isEqualTo(empty);
    }

    @Test
    void randomPicksPresentKeys() {
        ByteTable t = new ByteTable(0);
        for (int i = 0; i < 50; i++) {
            t.put(b("k" + i), null);
        }
        SplittableRandom r = new SplittableRandom(1);
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            picked.add(new String(t.random(r).key(), StandardCharsets.UTF_8));
        }
        assertThat(picked).hasSize(50);
    }
}
