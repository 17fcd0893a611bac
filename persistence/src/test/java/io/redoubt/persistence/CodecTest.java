package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodecTest {
    @Test
    void crc64MatchesRedisTestVector() {
        // Redis's crc64 self test: crc64(0, "123456789") == 0xe9c6d914c4b8d9ca
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc64.of(b, 0, b.length)).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void lzfRoundTripsRepetitiveAndRandomData() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int len = random.nextInt(20000) + 1;
            byte[] in = new byte[len];
            int alphabet = 1 + random.nextInt(round % 2 == 0 ? 4 : 256);
            for (int i = 0; i < len; i++) {
                in[i] = (byte) random.nextInt(alphabet);
            }
            byte[] c = Lzf.compress(in, len + len / 16 + 64);
            assertThat(c).isNotNull();
            assertThat(Lzf.decompress(c, len)).isEqualTo(in);
        }
    }

    /**
     * Back references closer than their length (a run of one byte, a repeated pattern) copy bytes the
     * same reference writes: every period from 1 to 40 and lengths across the 264-byte reference limit.
     */
    @Test
    void lzfDecodesOverlappingBackReferencesOfEveryShortPeriod() {
        Random random = new Random(11);
        for (int period = 1; period <= 40; period++) {
            byte[] pattern = new byte[period];
            random.nextBytes(pattern);
            for (int len : new int[] {period + 3, 100, 264, 265, 700, 5000}) {
                byte[] in = new byte[len + 7];
                for (int i = 0; i < len; i++) {
                    in[i] = pattern[i % period];
                }
                for (int i = len; i < in.length; i++) { // a tail that is not periodic
                    in[i] = (byte) random.nextInt();
                }
                byte[] c = Lzf.compress(in, in.length + 64);
                assertThat(c).isNotNull();
                assertThat(Lzf.decompress(c, in.length)).as("period %d, length %d", period, len).isEqualTo(in);
            }
        }
    }

    @Test
    void lzfRefusesWhenItDoesNotPayAndOnBadStreams() {
        byte[] random = new byte[100];
        new Random(1).nextBytes(random);
        assertThat(Lzf.compress(random, 96)).isNull();
        assertThatThrownBy(() -> Lzf.decompress(new byte[] {(byte) 0x20, 5}, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listpackRoundTripsStringsAndEveryIntegerWidth() {
        List<String> values = List.of("", "a", "0", "127", "128", "-1", "-4096", "4095", "4096", "-32768", "32767",
                "8388607", "-8388608", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "007", "-0", "x".repeat(63), "y".repeat(64), "z".repeat(4095), "w".repeat(5000));
        Listpack lp = new Listpack();
        values.forEach(v -> lp.add(v.getBytes(StandardCharsets.US_ASCII)));
        List<byte[]> back = Listpack.decode(lp.bytes());
        assertThat(back.stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList()).isEqualTo(values);
    }

    @Test
    void listpackDecodingChecksLengths() {
        byte[] lp = new Listpack().add("hello".getBytes(StandardCharsets.US_ASCII)).bytes();
        lp[0]++;
        assertThatThrownBy(() -> Listpack.decode(lp)).isInstanceOf(RdbFormatException.class);
    }
}
