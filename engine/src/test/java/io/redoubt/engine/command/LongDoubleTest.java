package io.redoubt.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Expected texts were produced by Redis 7.0.15 (x87 long double, %.17Lf) on this machine. */
class LongDoubleTest {

    private static String incr(String current, String increment) {
        BigDecimal a = LongDouble.parse(current.getBytes(StandardCharsets.US_ASCII));
        BigDecimal b = LongDouble.parse(increment.getBytes(StandardCharsets.US_ASCII));
        return LongDouble.format(LongDouble.add(a, b));
    }

    @Test
    void shortDecimalsRoundTripThroughSeventeenDecimals() {
        assertThat(incr("0", "1.1")).isEqualTo("1.1");
        assertThat(incr("1.1", "2.2")).isEqualTo("3.3");
        assertThat(incr("0.1", "0.2")).isEqualTo("0.3");
        assertThat(incr("3000", "5.0e-3")).isEqualTo("3000.00499999999999989");
    }

    @Test
    void largeValuesPrintEveryIntegerDigitOfTheBinaryValue() {
        assertThat(incr("1e300", "1")).startsWith("1000000000000000000008997324079559193870523944")
                .hasSize(301);
        assertThat(incr("0", "1e400")).hasSize(401);
    }

    @Test
    void textsStrtoldAcceptsAndRefuses() {
        assertThat(LongDouble.parse("0x10".getBytes())).isEqualByComparingTo("16");
        assertThat(LongDouble.parse("0x1.8p1".getBytes())).isEqualByComparingTo("3");
        assertThat(LongDouble.parse(".5".getBytes())).isEqualByComparingTo("0.5");
        assertThat(LongDouble.parse("5.".getBytes())).isEqualByComparingTo("5");
        assertThat(LongDouble.isInfinite(LongDouble.parse("-Infinity".getBytes()))).isTrue();
        for (String bad : new String[] {"", " 1", "1 ", "abc", "nan", "1e", "1e+", "0x", "1e5000", "1e-5000", "--1"}) {
            assertThat(LongDouble.parse(bad.getBytes())).as(bad).isNull();
        }
    }

    @Test
    void overflowBecomesInfinityAndNegativeZeroPrintsAsZero() {
        BigDecimal big = LongDouble.parse("9e4931".getBytes());
        assertThat(LongDouble.isInfinite(LongDouble.add(big, big))).isTrue();
        assertThat(LongDouble.format(LongDouble.add(BigDecimal.ZERO, LongDouble.parse("-1e-20".getBytes()))))
                .isEqualTo("0");
        assertThat(LongDouble.add(LongDouble.POSITIVE_INFINITY, LongDouble.NEGATIVE_INFINITY)).isNull();
    }

    @Test
    void roundingKeepsSixtyFourSignificantBits() {
        // 2^64 + 1 is not representable: it rounds to 2^64 (ties to even)
        BigDecimal v = LongDouble.round(new BigDecimal("18446744073709551617"));
        assertThat(v).isEqualByComparingTo("18446744073709551616");
        // 2^64 - 1 is exactly representable
        assertThat(LongDouble.round(new BigDecimal("18446744073709551615"))).isEqualByComparingTo("18446744073709551615");
    }
}
