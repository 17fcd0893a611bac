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
