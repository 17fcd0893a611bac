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
        assertThatThrownBy(() -> feed("*11\r\n")).hasMessage("Protocol error: unauthenticated multibulk length");
    }

    @Test
    void capsBulkLengthBeforeAuthentication() {
        assertThatThrownBy(() -> feed("*1\r\n$16385\r\n")).hasMessage("Protocol error: unauthenticated bulk length");
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

    /** Redis's string2ll, written plainly, as the reference for the one-pass header parser. */
    private static Long string2ll(String s) {
        if (s.isEmpty() || s.length() > 20) {
            return null;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length() || (s.charAt(i) == '0' && s.length() - i > 1)) {
            return null;
        }
        for (int k = i; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    @Test
    void bulkLengthsFollowRedisNumberRules() throws Exception {
        parser.authenticated(true);
        java.util.Random random = new java.util.Random(42);
        String alphabet = "-0123456789+ x";
        List<String> cases = new ArrayList<>(List.of("", "-", "0", "-0", "00", "01", "-01", "3", "+3", " 3", "3 ",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "00000000000000000003",
                "123456789012345678901"));
        for (int n = 0; n < 3000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(6);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 11 : alphabet.length())));
            }
            cases.add(b.toString());
        }
        for (String length : cases) {
            Long expected = string2ll(length);
            RequestParser fresh = new RequestParser(RespLimits.DEFAULT);
            fresh.authenticated(true);
            List<byte[][]> seen = new ArrayList<>();
            String body = expected != null && expected >= 0 && expected < 10 ? "x".repeat(expected.intValue()) : "";
            ByteBuf buf = Unpooled.copiedBuffer("*1\r\n$" + length + "\r\n" + body + "\r\n", StandardCharsets.ISO_8859_1);
            if (expected == null || expected < 0 || expected >= 10) {
                if (expected != null && expected >= 10) {
                    continue; // a valid length longer than the body: the parser waits, as it should
                }
                assertThatThrownBy(() -> fresh.parse(buf, seen::add)).as("$" + length)
                        .hasMessage("Protocol error: invalid bulk length");
            } else {
                fresh.parse(buf, seen::add);
                assertThat(seen).as("$" + length).hasSize(1);
                assertThat(seen.get(0)[0]).hasSize(expected.intValue());
            }
        }
    }

    @Test
    void multibulkCountsFollowRedisNumberRules() throws Exception {
        for (String count : List.of("01", "-01", "+1", "1x", "", "-", "99999999999999999999")) {
            RequestParser fresh = new RequestParser(RespLimits.DEFAULT);
            fresh.authenticated(true);
            ByteBuf buf = Unpooled.copiedBuffer("*" + count + "\r\n", StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> fresh.parse(buf, argv -> true)).as("*" + count)
                    .hasMessage("Protocol error: invalid multibulk length");
        }
        for (String empty : List.of("0", "-0", "-1", "-5")) {
            RequestParser fresh = new RequestParser(RespLimits.DEFAULT);
            List<byte[][]> seen = new ArrayList<>();
            ByteBuf buf = Unpooled.copiedBuffer("*" + empty + "\r\n*1\r\n$4\r\nPING\r\n", StandardCharsets.ISO_8859_1);
            fresh.parse(buf, seen::add);
            assertThat(seen).as("*" + empty).hasSize(1);
        }
        parser.authenticated(true);
        feed("*1\r\n$-0\r\n\r\n");
        assertThat(requests).containsExactly(List.of(""));
    }

    @Test
    void headerTypeIsCheckedOnTheWholeLine() {
        RequestParser fresh = new RequestParser(RespLimits.DEFAULT);
        ByteBuf buf = Unpooled.copiedBuffer("*1\r\n\r\n", StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> fresh.parse(buf, argv -> true)).hasMessage("Protocol error: expected '$', got '\r'");
        RequestParser other = new RequestParser(RespLimits.DEFAULT);
        ByteBuf plus = Unpooled.copiedBuffer("*1\r\n+3\r\n", StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> other.parse(plus, argv -> true)).hasMessage("Protocol error: expected '$', got '+'");
    }

    /** Bytes this thread allocated while {@code work} ran (HotSpot counts them per thread). */
    private static long allocatedBy(ThrowingRunnable work) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        work.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void anAnnouncedBulkCostsOnlyWhatArrived() throws Exception {
        parser.authenticated(true);
        // defect 3 of issue 14: 27 bytes used to allocate 512 MB at once
        ByteBuf header = Unpooled.copiedBuffer("*2\r\n$4\r\nPING\r\n$536870912\r\n", StandardCharsets.US_ASCII);
        long allocated = allocatedBy(() -> parser.parse(header, sink()));
        assertThat(allocated).as("bytes allocated for a header and no body").isLessThan(256 * 1024);
        assertThat(parser.inRequest()).isTrue();

        ByteBuf someBody = Unpooled.wrappedBuffer(new byte[100_000]);
        allocated = allocatedBy(() -> parser.parse(someBody, sink()));
        assertThat(allocated).as("bytes allocated for 100 KB of a 512 MB body").isLessThan(1024 * 1024);
        assertThat(requests).isEmpty();
    }

    @Test
    void aBulkArrivingInSmallPiecesIsCopiedALinearNumberOfTimes() throws Exception {
        parser.authenticated(true);
        byte[] value = new byte[8 * 1024 * 1024 + 7];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 + (i >>> 11));
        }
        ByteBuf input = Unpooled.buffer();
        input.writeBytes(("*2\r\n$4\r\nECHO\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        parser.parse(input, sink());
        List<byte[]> seen = new ArrayList<>();
        long allocated = allocatedBy(() -> {
            for (int off = 0; off < value.length; off += 1000) {
                ByteBuf piece = Unpooled.wrappedBuffer(value, off, Math.min(1000, value.length - off));
                parser.parse(piece, argv -> seen.add(argv[1]) || true);
            }
            parser.parse(Unpooled.copiedBuffer("\r\n", StandardCharsets.US_ASCII), argv -> seen.add(argv[1]) || true);
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isEqualTo(value);
        // doubling: the arrays add up to at most about three times the value (just past a power of two:
        // 16 KB + ... + 8 MB, then the final 8 MB + 7), whatever the read size; growing by a fixed
        // step instead would copy gigabytes here
        assertThat(allocated).isLessThan(4L * value.length);
    }

    @Test
    void aResetParserHoldsNothingOfAHalfSentRequest() throws Exception {
        parser.authenticated(true);
        feedPartial("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\nabc");
        assertThat(parser.inRequest()).isTrue();
        parser.reset();
        assertThat(parser.inRequest()).isFalse();
        feed("*1\r\n$4\r\nPING\r\n");
        assertThat(requests).containsExactly(List.of("PING"));
    }

    private void feedPartial(String input) throws RespProtocolException {
        parser.parse(Unpooled.copiedBuffer(input, StandardCharsets.ISO_8859_1), sink());
    }
}
