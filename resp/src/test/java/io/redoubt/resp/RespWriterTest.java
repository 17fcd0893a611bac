package io.redoubt.resp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RespWriterTest {

    private static String write(int protocol, Consumer<ReplySink> reply) {
        ByteBuf buf = Unpooled.buffer();
        RespWriter w = new RespWriter();
        w.protocol(protocol);
        w.target(buf);
        reply.accept(w);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryResp3Type() {
        assertThat(write(3, r -> r.simple("OK"))).isEqualTo("+OK\r\n");
        assertThat(write(3, r -> r.error("ERR bad"))).isEqualTo("-ERR bad\r\n");
        assertThat(write(3, r -> r.integer(-42))).isEqualTo(":-42\r\n");
        assertThat(write(3, r -> r.integer(Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
        assertThat(write(3, r -> r.bulk("héllo"))).isEqualTo("$6\r\nhéllo\r\n");
        assertThat(write(3, ReplySink::nullBulk)).isEqualTo("_\r\n");
        assertThat(write(3, ReplySink::nullArray)).isEqualTo("_\r\n");
        assertThat(write(3, r -> {
            r.map(1);
            r.bulk("a");
            r.integer(1);
        })).isEqualTo("%1\r\n$1\r\na\r\n:1\r\n");
        assertThat(write(3, r -> r.set(0))).isEqualTo("~0\r\n");
        assertThat(write(3, r -> r.push(2))).isEqualTo(">2\r\n");
        assertThat(write(3, r -> r.doubleValue(1.5))).isEqualTo(",1.5\r\n");
        assertThat(write(3, r -> r.doubleValue(Double.POSITIVE_INFINITY))).isEqualTo(",inf\r\n");
        assertThat(write(3, r -> r.bool(true))).isEqualTo("#t\r\n");
        assertThat(write(3, r -> r.verbatim("txt", "hi"))).isEqualTo("=6\r\ntxt:hi\r\n");
        assertThat(write(3, r -> r.bigNumber("123456789012345678901234567890")))
                .isEqualTo("(123456789012345678901234567890\r\n");
    }

    @Test
    void downgradesToResp2AsRedisDoes() {
        assertThat(write(2, ReplySink::nullBulk)).isEqualTo("$-1\r\n");
        assertThat(write(2, ReplySink::nullArray)).isEqualTo("*-1\r\n");
        assertThat(write(2, r -> r.map(2))).isEqualTo("*4\r\n");
        assertThat(write(2, r -> r.set(3))).isEqualTo("*3\r\n");
        assertThat(write(2, r -> r.push(3))).isEqualTo("*3\r\n");
        assertThat(write(2, r -> r.doubleValue(0.1))).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(write(2, r -> r.bool(false))).isEqualTo(":0\r\n");
        assertThat(write(2, r -> r.verbatim("txt", "hi"))).isEqualTo("$2\r\nhi\r\n");
        assertThat(write(2, r -> r.bigNumber("12"))).isEqualTo("$2\r\n12\r\n");
    }

    @Test
    void errorLinesNeverCarryNewlines() {
        assertThat(write(2, r -> r.error("ERR a\r\nb"))).isEqualTo("-ERR a  b\r\n");
    }

    @Test
    void cachedAndUncachedHeadersAgree() {
        assertThat(write(2, r -> r.array(1023))).isEqualTo("*1023\r\n");
        assertThat(write(2, r -> r.array(1024))).isEqualTo("*1024\r\n");
        assertThat(write(2, r -> r.integer(1023))).isEqualTo(":1023\r\n");
        assertThat(write(2, r -> r.integer(123456789))).isEqualTo(":123456789\r\n");
    }
}
