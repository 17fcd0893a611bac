package io.redoubt.engine.sets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SetValueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> members(SetValue s) {
        return s.sortElements().stream().map(m -> new String(m, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void intsetStaysSortedAndConvertsPastItsLimit() {
        SetValue s = SetValue.createFor(b("5"));
        for (String m : new String[] {"5", "-3", "100", "0"}) {
            s.add(b(m), 4);
        }
        assertThat(s.encoding()).isEqualTo("intset");
        assertThat(members(s)).containsExactly("-3", "0", "5", "100");
        assertThat(s.add(b("5"), 4)).isFalse();
        s.add(b("7"), 4);
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.remove(b("7"))).isTrue();
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.contains(b("-3"))).isTrue();
    }

    @Test
    void nonCanonicalIntegersAreStrings() {
        assertThat(SetValue.createFor(b("01")).encoding()).isEqualTo("hashtable");
        SetValue s = SetValue.createFor(b("1"));
        s.add(b("1"), 512);
        assertThat(s.contains(b("01"))).isFalse();
        assertThat(s.remove(b("+1"))).isFalse();
        s.add(b("-0"), 512);
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void popEmptiesTheSetWithoutRepeats() {
        SetValue s = SetValue.createIntset();
        for (int i = 0; i < 20; i++) {
            s.add(b(Integer.toString(i)), 512);
        }
        SplittableRandom r = new SplittableRandom(7);
        java.util.Set<String> popped = new java.util.HashSet<>();
        while (s.size() > 0) {
            assertThat(popped.add(new String(s.pop(r), StandardCharsets.UTF_8))).isTrue();
        }
        assertThat(popped).hasSize(20);
        assertThat(s.pop(r)).isNull();
    }

    @Test
    void copyIsIndependent() {
        SetValue s = SetValue.createFor(b("a"));
        s.add(b("a"), 512);
        SetValue c = s.copy();
        c.add(b("b"), 512);
        assertThat(s.size()).isEqualTo(1);
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.estimatedBytes()).isGreaterThan(s.estimatedBytes());
    }
}
