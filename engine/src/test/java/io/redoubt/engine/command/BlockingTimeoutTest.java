package io.redoubt.engine.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlockingTimeoutTest {
    private static long parse(String s) {
        return BlockingTimeout.parseSeconds(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void secondsBecomeMillisecondsRoundedUp() {
        assertThat(parse("0")).isZero();
        assertThat(parse("1")).isEqualTo(1000);
        assertThat(parse("0.5")).isEqualTo(500);
        assertThat(parse("0.0001")).isEqualTo(1);
        assertThat(parse("1e-10")).isEqualTo(1);
        assertThat(parse("0.0015")).isEqualTo(2);
        assertThat(parse("0x10")).isEqualTo(16_000);
        assertThat(parse("-0.0001")).as("rounds up to zero: forever").isZero();
        assertThat(parse("9223372036854775")).isEqualTo(9_223_372_036_854_775_000L);
    }

    @Test
    void refusals() {
        for (String s : new String[] {"abc", "", " 1", "1 ", "nan", "1e5000", "1e-5000"}) {
            assertThatThrownBy(() -> parse(s)).as(s).hasMessage(BlockingTimeout.NOT_A_FLOAT);
        }
        for (String s : new String[] {"-1", "-0.002", "inf", "-inf", "1e400", "9223372036854775808"}) {
            assertThatThrownBy(() -> parse(s)).as(s).hasMessage(BlockingTimeout.NEGATIVE);
        }
    }
}
