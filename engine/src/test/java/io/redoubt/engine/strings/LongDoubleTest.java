package io.redoubt.engine.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LongDoubleTest {

    private static BigDecimal parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void sumsRoundToA64BitMantissaAndPrintLikePercent17Lf() {
        BigDecimal sum = LongDouble.add(parse("0.1"), parse("0.2"));
        assertThat(LongDouble.format(sum)).isEqualTo("0.3");
        assertThat(LongDouble.format(parse("1e20"))).isEqualTo("100000000000000000000");
        assertThat(LongDouble.format(parse("1e-20"))).isEqualTo("0");
        assertThat(LongDouble.format(parse("-1e-20"))).isEqualTo("0");
        assertThat(LongDouble.format(parse("10.50"))).isEqualTo("10.5");
    }

    @Test
    void parsesWhatStrtoldAcceptsAndRefusesTheRest() {
        assertThat(LongDouble.format(parse("0x10"))).isEqualTo("16");
        assertThat(LongDouble.format(parse("0x1p-2"))).isEqualTo("0.25");
        assertThat(LongDouble.format(parse("1."))).isEqualTo("1");
        assertThat(LongDouble.format(parse(".5"))).isEqualTo("0.5");
        assertThat(parse("inf")).isSameAs(LongDouble.INFINITE);
        assertThat(parse("-Infinity")).isSameAs(LongDouble.INFINITE);
        for (String bad : new String[] {"", " 1", "1 ", "1e", "abc", "nan", "1e5000", "1e-5000", "0x", "."}) {
            assertThat(parse(bad)).as("'%s'", bad).isNull();
        }
    }

    @Test
    void overflowBeyondTheExtendedRangeIsReported() {
        assertThat(LongDouble.add(parse("1e4932"), parse("1e4932"))).isNull();
    }
}
