package io.redoubt.resp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected strings are what glibc's printf("%.17g") prints, as Redis 7.0 replies with. */
class DoubleFormatTest {

    @Test
    void matchesCPrintfG17() {
        assertThat(DoubleFormat.g17(1.5)).isEqualTo("1.5");
        assertThat(DoubleFormat.g17(0.1)).isEqualTo("0.10000000000000001");
        assertThat(DoubleFormat.g17(1.1)).isEqualTo("1.1000000000000001");
        assertThat(DoubleFormat.g17(100)).isEqualTo("100");
        assertThat(DoubleFormat.g17(-3)).isEqualTo("-3");
        assertThat(DoubleFormat.g17(1e17)).isEqualTo("1e+17");
        assertThat(DoubleFormat.g17(1e16)).isEqualTo("10000000000000000");
        assertThat(DoubleFormat.g17(0.0001)).isEqualTo("0.0001");
        assertThat(DoubleFormat.g17(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(DoubleFormat.g17(1.7976931348623157e308)).isEqualTo("1.7976931348623157e+308");
        assertThat(DoubleFormat.g17(0)).isEqualTo("0");
        assertThat(DoubleFormat.g17(-0.0)).isEqualTo("-0");
        assertThat(DoubleFormat.g17(Double.NaN)).isEqualTo("nan");
        assertThat(DoubleFormat.g17(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }
}
