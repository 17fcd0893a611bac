package io.redoubt.engine.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.EncodingLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashValueTest {
    private static final EncodingLimits LIMITS = EncodingLimits.DEFAULT.withHashMaxListpackEntries(3)
            .withHashMaxListpackValue(5);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> fields(HashValue h) {
        List<String> out = new ArrayList<>();
        h.forEach((f, v) -> out.add(new String(f, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void listpackKeepsInsertionOrderAndUpdatesInPlace() {
        HashValue h = new HashValue();
        assertThat(h.set(b("z"), b("1"), LIMITS)).isTrue();
        assertThat(h.set(b("a"), b("2"), LIMITS)).isTrue();
        assertThat(h.set(b("z"), b("3"), LIMITS)).isFalse();
        assertThat(fields(h)).containsExactly("z=3", "a=2");
        assertThat(h.remove(b("z"))).isTrue();
        assertThat(h.remove(b("z"))).isFalse();
        assertThat(fields(h)).containsExactly("a=2");
        assertThat(h.encoding()).isEqualTo("listpack");
    }

    @Test
    void convertsPastTheEntryLimitAndNeverBack() {
        HashValue h = new HashValue();
        for (String f : new String[] {"a", "b", "c"}) {
            h.set(b(f), b("v"), LIMITS);
        }
        assertThat(h.encoding()).isEqualTo("listpack");
        h.set(b("d"), b("v"), LIMITS);
        assertThat(h.encoding()).isEqualTo("hashtable");
        h.remove(b("d"));
        h.remove(b("c"));
        assertThat(h.encoding()).isEqualTo("hashtable");
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.get(b("a"))).isEqualTo(b("v"));
    }

    @Test
    void convertsForALongFieldOrValue() {
        HashValue exact = new HashValue();
        exact.set(b("12345"), b("12345"), LIMITS);
        assertThat(exact.encoding()).isEqualTo("listpack");
        HashValue longValue = new HashValue();
        longValue.set(b("f"), b("123456"), LIMITS);
        assertThat(longValue.encoding()).isEqualTo("hashtable");
        HashValue longArgs = new HashValue();
        longArgs.convertForLongArguments(new byte[][] {b("hset"), b("k"), b("f"), b("123456")}, 2, 3, LIMITS);
        assertThat(longArgs.encoding()).isEqualTo("hashtable");
    }

    @Test
    void estimatedBytesFollowsEveryChangeAndCopiesAreIndependent() {
        HashValue h = new HashValue();
        long empty = h.estimatedBytes();
        h.set(b("f"), b("value"), LIMITS);
        long one = h.estimatedBytes();
        assertThat(one).isGreaterThan(empty);
        h.set(b("f"), b("v"), LIMITS);
        assertThat(h.estimatedBytes()).isLessThanOrEqualTo(one);
        HashValue copy = h.copy();
        copy.set(b("g"), b("x"), LIMITS);
        assertThat(h.size()).isEqualTo(1);
        assertThat(copy.size()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            h.set(b("k" + i), b("v"), LIMITS);
        }
        long big = h.estimatedBytes();
        for (int i = 0; i < 10; i++) {
            h.remove(b("k" + i));
        }
        assertThat(h.estimatedBytes()).isLessThan(big);
    }

    @Test
    void onlyTheHashtableEncodingHasSlotsToLookAheadIn() {
        HashValue h = new HashValue();
        h.set(b("f1"), b("v1"), LIMITS);
        assertThat(h.touchMember(java.util.Arrays.hashCode(b("f1")))).as("listpack").isEqualTo(-1);
        for (int i = 0; i < 10; i++) {
            h.set(b("f" + i), b("value" + i), LIMITS);
        }
        assertThat(h.encoding()).isEqualTo("hashtable");
        assertThat(h.touchMember(java.util.Arrays.hashCode(b("f3")))).isGreaterThanOrEqualTo(0);
        assertThat(h.touchMember(java.util.Arrays.hashCode(b("absent")))).isGreaterThanOrEqualTo(0);
        assertThat(fields(h)).hasSize(10);
    }
}
