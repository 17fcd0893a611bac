package io.redoubt.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private final List<List<String>> requests = new ArrayList<>();
    private final RequestParser parser = new RequestParser(RespLimits.DEFAULT);

    private RequestParser.Sink sink() {
        return argv -> {
            List<String> words = new ArrayList<>();
            for (byte[] a : argv) {
                words.add(new String(a, StandardCharsets.ISO_8859_1));
            }
            requests.add(words);
            return true;
        };
    }

    private void feed(String input) throws RespProtocolException {
        ByteBuf buf = Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1);
        parser.parse(buf, sink());
        assertThat(buf.isReadable()).as("unconsumed complete input").isFalse();
    }

    /** Feeds the input one byte at a time through a cumulating buffer, as a slow network would. */
    private void feedByteByByte(String input) throws RespProtocolException {
        ByteBuf cumulation = Unpooled.buffer();
        for (byte b : input.getBytes(StandardCharsets.ISO_8859_1)) {
            cumulation.writeByte(b);
            parser.parse(cumulation, sink());
            cumulation.discardReadBytes();
        }
        assertThat(cumulation.isReadable()).isFalse();
    }

    @Test
    void parsesMultibulkRequests() throws Exception {
        parser.authenticated(true);
        feed("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n");
        assertThat(requests).containsExactly(List.of("SET", "k", "hello"));
    }

    @Test
    void parsesPipelinesOfAnyDepth() throws Exception {
        parser.authenticated(true);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            in.append("*2\r\n$3\r\nGET\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
        }
        feed(in.toString());
        assertThat(requests).hasSize(1000);
        assertThat(requests.get(999)).containsExactly("GET", "999");
    }

    @Test
    void acceptsInputSplitAtEveryByte() throws Exception {
        parser.authenticated(true);
        String in = "*2\r\n$4\r\nECHO\r\n$12\r\nhello\r\nworld\r\nPING\r\n*1\r\n$4\r\nPING\r\n";
        feedByteByByte(in);
        assertThat(requests).containsExactly(List.of("ECHO", "hello\r\nworld"), List.of("PING"), List.of("PING"));
    }

    @Test
    void parsesInlineRequestsWithQuotes() throws Exception {
        feed("SET k \"a b\\x41\\n\" 'it\\'s'\r\nPING\n\r\n");
        assertThat(requests).containsExactly(List.of("SET", "k", "a bA\n", "it's"), List.of("PING"));
    }

    @Test
    void emptyMultibulkRunsNothing() throws Exception {
        feed("*0\r\n*-1\r\n");
        assertThat(requests).isEmpty();
    }

    @Test
    void rejectsUnbalancedQuotes() {
        assertThatThrownBy(() -> feed("SET k \"abc\r\n"))
                .hasMessage("Protocol error: unbalanced quotes in request");
        assertThatThrownBy(() -> new RequestParser(RespLimits.DEFAULT)
                .parse(Unpooled.copiedBuffer("SET k \"a\"b\r\n", StandardCharsets.US_ASCII), sink()))
                .hasMessage("Protocol error: unbalanced quotes in request");
    }

    @Test
    void rejectsBadMultibulkLength() {
        assertThatThrownBy(() -> feed("*abc\r\n")).hasMessage("Protocol error: invalid multibulk length");
    }

    @Test
    void rejectsHugeMultibulkLength() {
        parser.authenticated(true);
        assertThatThrownBy(() -> feed("*4294967296\r\n")).hasMessage("Protocol error: invalid multibulk length");
    }

    @Test
    void capsArgumentCountBeforeAuthentication() {
        assertThatThrownBy(() -> feed("*11\r\n")).hasMessage("Protocol error: invalid multibulk length");
    }

    @Test
    void capsBulkLengthBeforeAuthentication() {
        assertThatThrownBy(() -> feed("*1\r\n$16385\r\n")).hasMessage("Protocol error: invalid bulk length");
    }

    @Test
    void rejectsBulkLongerThanProtoMaxBulkLen() {
        parser.authenticated(true);
        parser.limits(RespLimits.DEFAULT.withMaxBulkLength(1024 * 1024));
        assertThatThrownBy(() -> feed("*1\r\n$1048577\r\n")).hasMessage("Protocol error: invalid bulk length");
    }

    @Test
    void rejectsNegativeBulkLength() {
        parser.authenticated(true);
        assertThatThrownBy(() -> feed("*1\r\n$-1\r\n")).hasMessage("Protocol error: invalid bulk length");
    }

    @Test
    void rejectsMissingDollar() {
        parser.authenticated(true);
        assertThatThrownBy(() -> feed("*1\r\n:5\r\n")).hasMessage("Protocol error: expected '$', got ':'");
    }

    @Test
    void rejectsInlineRequestsOver64KiB() {
        String big = "x".repeat(64 * 1024 + 1);
        assertThatThrownBy(() -> feed(big)).hasMessage("Protocol error: too big inline request");
    }

    @Test
    void rejectsHeaderLinesOver64KiB() {
        parser.authenticated(true);
        assertThatThrownBy(() -> feed("*1\r\n$" + "1".repeat(64 * 1024 + 1)))
                .hasMessage("Protocol error: too big bulk count string");
        RequestParser other = new RequestParser(RespLimits.DEFAULT);
        assertThatThrownBy(() -> other.parse(Unpooled.copiedBuffer("*" + "1".repeat(64 * 1024 + 1),
                StandardCharsets.US_ASCII), sink())).hasMessage("Protocol error: too big mbulk count string");
    }

    @Test
    void enforcesQueryBufferLimitBeforeAllocatingTheBulk() {
        parser.authenticated(true);
        parser.limits(RespLimits.DEFAULT.withMaxQueryBuffer(1024 * 1024));
        assertThatThrownBy(() -> feed("*1\r\n$2000000\r\n")).isInstanceOf(RequestParser.QueryBufferOverflow.class);
    }

    @Test
    void doesNotPresizeFromAClaimedArgumentCount() throws Exception {
        parser.authenticated(true);
        // a client announcing two billion arguments and sending two must not make the parser allocate for them
        ByteBuf buf = Unpooled.copiedBuffer("*2000000000\r\n$1\r\na\r\n$1\r\nb\r\n", StandardCharsets.US_ASCII);
        parser.parse(buf, sink());
        assertThat(requests).isEmpty();
        assertThat(parser.inRequest()).isTrue();
    }

    @Test
    void stopsWhenTheSinkAsks() throws Exception {
        ByteBuf buf = Unpooled.copiedBuffer("PING\r\nPING\r\n", StandardCharsets.US_ASCII);
        parser.parse(buf, argv -> {
            requests.add(List.of("x"));
            return false;
        });
        assertThat(requests).hasSize(1);
        assertThat(buf.readableBytes()).isEqualTo(6);
    }
}
