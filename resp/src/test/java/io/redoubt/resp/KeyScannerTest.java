package io.redoubt.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The look-ahead over a read batch: second-argument hashes of complete requests, and nothing consumed. */
class KeyScannerTest {
    private final KeyScanner scanner = new KeyScanner();

    private static String request(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return b.toString();
    }

    private static ByteBuf buffer(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static int hash(String key) {
        return Arrays.hashCode(key.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reportsTheSecondArgumentOfEachCompleteRequest() {
        ByteBuf in = buffer(request("SET", "key:1", "v") + request("PING") + request("GET", "ключ")
                + request("MSET", "a", "1", "b", "2") + request("GET", ""));
        int[] hashes = new int[8];
        int[] members = new int[8];
        int readerIndex = in.readerIndex();
        assertThat(scanner.scan(in, hashes, members)).isEqualTo(4);
        assertThat(Arrays.copyOf(hashes, 4)).containsExactly(hash("key:1"), hash("ключ"), hash("a"), hash(""));
        assertThat(Arrays.copyOf(members, 4)).containsExactly(hash("v"), 1, hash("1"), 1);
        assertThat(in.readerIndex()).as("nothing consumed").isEqualTo(readerIndex);
    }

    private int scan(int[] hashes, ByteBuf in) {
        return scanner.scan(in, hashes, new int[hashes.length]);
    }

    @Test
    void stopsAtAnIncompleteOrForeignRequest() {
        int[] hashes = new int[8];
        String whole = request("GET", "k1") + request("SET", "k2", "value");
        for (int cut = 0; cut < whole.length(); cut++) {
            int expected = cut >= request("GET", "k1").length() ? 1 : 0;
            assertThat(scan(hashes, buffer(whole.substring(0, cut)))).as("cut at %d", cut).isEqualTo(expected);
        }
        assertThat(scan(hashes, buffer(whole))).isEqualTo(2);
        assertThat(scan(hashes, buffer("GET k1\r\n" + whole))).as("inline").isZero();
        assertThat(scan(hashes, buffer(request("GET", "k1") + "*2\r\n$x\r\n"))).isEqualTo(1);
        assertThat(scan(hashes, buffer(request("GET", "k1") + "*-1\r\n" + whole))).isEqualTo(1);
        assertThat(scan(hashes, buffer("*2\r\n$3\r\nGET\r\n$99999999999999999999\r\n"))).isZero();
        assertThat(scan(hashes, buffer("*2\r\n+3\r\nGET\r\n"))).isZero();
        assertThat(scan(hashes, buffer(""))).isZero();
    }

    @Test
    void aLongThirdArgumentIsNotHashed() {
        String value = "v".repeat(65);
        int[] hashes = new int[4];
        int[] members = new int[4];
        assertThat(scanner.scan(buffer(request("SET", "k", value) + request("HSET", "h", "v".repeat(64), "x")), hashes, members))
                .isEqualTo(2);
        assertThat(members[0]).isEqualTo(1);
        assertThat(members[1]).isEqualTo(hash("v".repeat(64)));
        assertThat(hashes[0]).isEqualTo(hash("k"));
    }

    @Test
    void fillsAtMostTheArrayAndReadsAcrossComponents() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append(request("INCR", "counter:" + i));
        }
        byte[] bytes = many.toString().getBytes(StandardCharsets.UTF_8);
        CompositeByteBuf split = Unpooled.compositeBuffer();
        for (int i = 0; i < bytes.length; i += 7) {
            split.addComponent(true, Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 7))));
        }
        int[] hashes = new int[32];
        assertThat(scanner.scan(split, hashes, new int[32])).isEqualTo(32);
        for (int i = 0; i < 32; i++) {
            assertThat(hashes[i]).isEqualTo(hash("counter:" + i));
        }
    }
}
