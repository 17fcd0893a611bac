package io.redoubt.engine.strings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringEncodingTest {

    private static String of(String v) {
        return StringEncoding.of(v.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void integersShortStringsAndLongStrings() {
        assertThat(of("123")).isEqualTo("int");
        assertThat(of("-9223372036854775808")).isEqualTo("int");
        assertThat(of("9223372036854775808")).isEqualTo("embstr");
        assertThat(of("0123")).isEqualTo("embstr");
        assertThat(of("-0")).isEqualTo("embstr");
        assertThat(of("a".repeat(44))).isEqualTo("embstr");
        assertThat(of("a".repeat(45))).isEqualTo("raw");
    }

    @Test
    void numbersRoundTripWithoutAllocatingStrings() {
        for (long v : new long[] {0, 1, -1, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, 1234567890123L}) {
            byte[] bytes = Numbers.toBytes(v);
            assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
            assertThat(Numbers.parseLong(bytes)).isEqualTo(v);
        }
        assertThat(Numbers.isLong("+1".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Numbers.isLong("-".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
}
