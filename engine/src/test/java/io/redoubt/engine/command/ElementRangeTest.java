package io.redoubt.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redis's index arithmetic, case by case as LRANGE answers it on a 5-element list. */
class ElementRangeTest {

    private static String select(long start, long end) {
        ElementRange r = ElementRange.of(start, end, 5);
        return r.from() + ".." + r.to();
    }

    @Test
    void positiveAndNegativeIndexes() {
        assertThat(select(0, -1)).isEqualTo("0..5");
        assertThat(select(1, 2)).isEqualTo("1..3");
        assertThat(select(-2, -1)).isEqualTo("3..5");
        assertThat(select(-100, 1)).isEqualTo("0..2");
        assertThat(select(3, 100)).isEqualTo("3..5");
    }

    @Test
    void emptySelections() {
        assertThat(ElementRange.of(3, 2, 5).isEmpty()).isTrue();
        assertThat(ElementRange.of(5, 10, 5).isEmpty()).isTrue();
        assertThat(ElementRange.of(-1, -2, 5).isEmpty()).isTrue();
        assertThat(ElementRange.of(0, -1, 0).isEmpty()).isTrue();
        assertThat(ElementRange.of(Long.MIN_VALUE, Long.MIN_VALUE, 5).isEmpty()).isTrue();
    }

    @Test
    void hugeIndexesDoNotOverflow() {
        assertThat(select(0, Long.MAX_VALUE)).isEqualTo("0..5");
        assertThat(ElementRange.of(0, Long.MAX_VALUE, 5).length()).isEqualTo(5);
    }
}
