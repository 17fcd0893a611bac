package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.RespClient;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oversized and malformed request headers, before and after AUTH (issue 14): each gets Redis's exact
 * protocol error (or none, where Redis waits or ignores), the connection is closed exactly when Redis
 * closes it, bystanders keep being served, and headers announcing huge arguments keep the heap
 * bounded. A subclass names the database (one shard or several, plain or TLS port) and, where it can,
 * a redis-server reached the same way: every case then runs against both, and both must give the
 * table's outcome. The database requires {@link #PASSWORD} for the default user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class BadInputSuite {
    protected static final String PASSWORD = "bad-input-pass";
    private static final String NOAUTH = "-NOAUTH Authentication required.\r\n";

    /** A server reached over this suite's transport. */
    protected interface Target {
        /** A new connection, handshake done, reads time out after 10 s. */
        Socket connect() throws Exception;
    }

    /** One input, with what is answered and whether the connection is then closed. */
    public record Case(String name, String input, String reply, boolean closes) {
        @Override
        public String toString() {
            return name;
        }

        String outcome() {
            return (reply == null ? "" : reply) + (closes ? "<closed>" : "<open>");
        }
    }

    private static Case error(String name, String input, String message) {
        return new Case(name, input, "-ERR Protocol error: " + message + "\r\n", true);
    }

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** Malformed input refused the same way whether or not the client authenticated. */
    static Stream<Case> malformed() {
        return Stream.of(
                error("multibulk count not a number", "*x\r\n", "invalid multibulk length"),
                error("multibulk count overflowing", "*99999999999999999999\r\n", "invalid multibulk length"),
                error("multibulk count over 2^31-1", "*2147483648\r\n", "invalid multibulk length"),
                error("multibulk count with a leading zero", "*01\r\n", "invalid multibulk length"),
                error("bulk length negative", "*1\r\n$-5\r\n", "invalid bulk length"),
                error("bulk length not a number", "*1\r\n$abc\r\n", "invalid bulk length"),
                error("bulk length over proto-max-bulk-len", "*1\r\n$536870913\r\n", "invalid bulk length"),
                error("bulk length overflowing", "*1\r\n$99999999999999999999\r\n", "invalid bulk length"),
                error("argument without '$'", "*1\r\nPING\r\n", "expected '$', got 'P'"),
                error("nested multibulk", "*1\r\n*1\r\n$4\r\nPING\r\n", "expected '$', got '*'"),
                error("multibulk count line over 64 KB", "*" + repeat('1', 70_000), "too big mbulk count string"),
                error("bulk length line over 64 KB", "*1\r\n$" + repeat('1', 70_000), "too big bulk count string"),
                error("inline request over 64 KB", repeat('A', 70_000), "too big inline request"),
                error("inline request with unbalanced quotes", "SET k \"oops\r\n", "unbalanced quotes in request"));
    }

    /** What an unauthenticated client gets: Redis's stricter limits (10 arguments, 16 KB each). */
    static Stream<Case> unauthenticatedOnly() {
        StringBuilder tenFull = new StringBuilder("*10\r\n$4\r\nPING\r\n");
        for (int i = 0; i < 9; i++) {
            tenFull.append("$16384\r\n").append(repeat('x', 16384)).append("\r\n");
        }
        return Stream.of(
                error("eleven arguments", "*11\r\n", "unauthenticated multibulk length"),
                error("argument over 16 KB", "*1\r\n$16385\r\n", "unauthenticated bulk length"),
                error("header announcing 512 MB", "*2\r\n$4\r\nPING\r\n$536870912\r\n", "unauthenticated bulk length"),
                new Case("ten arguments of 16 KB", tenFull.toString(), NOAUTH, false),
                new Case("empty multibulk, then a request", "*-1\r\n*0\r\n*1\r\n$4\r\nPING\r\n", NOAUTH, false));
    }

    /** What an authenticated client may send that an unauthenticated one may not. */
    static Stream<Case> authenticatedOnly() {
        StringBuilder elevenArgs = new StringBuilder("*11\r\n$3\r\nDEL\r\n");
        for (int i = 0; i < 10; i++) {
            elevenArgs.append("$3\r\nno").append(i).append("\r\n");
        }
        String big = repeat('y', 20_000);
        return Stream.of(
                new Case("eleven arguments", elevenArgs.toString(), ":0\r\n", false),
                new Case("argument over 16 KB", "*2\r\n$4\r\nECHO\r\n$20000\r\n" + big + "\r\n",
                        "$20000\r\n" + big + "\r\n", false),
                new Case("header announcing 512 MB (waits for the body)", "*2\r\n$4\r\nPING\r\n$536870912\r\n", null,
                        false),
                new Case("two billion arguments announced (waits for them)", "*2000000000\r\n$4\r\nPING\r\n", null,
                        false),
                new Case("empty multibulk, then a request", "*-1\r\n*0\r\n*1\r\n$4\r\nPING\r\n", "+PONG\r\n", false));
    }

    static Stream<Case> unauthenticated() {
        return Stream.concat(malformed(), unauthenticatedOnly());
    }

    static Stream<Case> authenticated() {
        return Stream.concat(malformed(), authenticatedOnly());
    }

    /** Starts the database under test, its default user protected by {@link #PASSWORD}. */
    protected abstract Target startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    /** A redis-server reached the same way, requiring the same password, or null where none can be. */
    protected Target startReference() throws Exception {
        return null;
    }

    protected void stopReference() throws Exception {
    }

    private Target server;
    private Target reference;

    @BeforeAll
    void start() throws Exception {
        server = startServer();
        reference = startReference();
    }

    @AfterAll
    void stop() throws Exception {
        stopServer();
        stopReference();
    }

    /** Sends the case's bytes on a new connection and describes what came back. */
    private static String outcome(Target t, Case c, boolean authenticate) throws Exception {
        try (RespClient client = new RespClient(t.connect())) {
            if (authenticate) {
                client.sendRaw("AUTH " + PASSWORD + "\r\n");
                assertThat(client.readReplyText()).isEqualTo("+OK\r\n");
            }
            client.sendRaw(c.input().getBytes(StandardCharsets.ISO_8859_1));
            String reply = "";
            if (c.reply() != null) {
                try {
                    reply = client.readReplyText();
                } catch (UncheckedIOException closedWithoutReply) {
                    reply = "<no reply>";
                }
            }
            return reply + (client.isClosedByServer() ? "<closed>" : "<open>");
        }
    }

    private void check(Case c, boolean authenticate) throws Exception {
        try (RespClient bystander = new RespClient(server.connect())) {
            bystander.sendRaw("AUTH " + PASSWORD + "\r\n");
            assertThat(bystander.readReplyText()).isEqualTo("+OK\r\n");
            if (reference != null) {
                assertThat(outcome(reference, c, authenticate)).as("redis-server").isEqualTo(c.outcome());
            }
            assertThat(outcome(server, c, authenticate)).as("redoubt").isEqualTo(c.outcome());
            assertThat(bystander.callText("PING")).as("a bystander is still served").isEqualTo("+PONG\r\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthenticated")
    protected void beforeAuth(Case c) throws Exception {
        check(c, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authenticated")
    protected void afterAuth(Case c) throws Exception {
        check(c, true);
    }

    /** Several connections announcing 512 MB arguments: the heap stays bounded and PING answered at once. */
    private void assertHugeHeadersCostLittle(boolean authenticate) throws Exception {
        long before = HeaderMemoryTest.usedHeapAfterGc();
        List<RespClient> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RespClient a = new RespClient(server.connect());
                attackers.add(a);
                if (authenticate) {
                    a.sendRaw("AUTH " + PASSWORD + "\r\n");
                    assertThat(a.readReplyText()).isEqualTo("+OK\r\n");
                }
                a.sendRaw(HeaderMemoryTest.HUGE_HEADER);
                if (authenticate) {
                    a.sendRaw(new byte[64 * 1024]); // some of the body too (before AUTH the header closes it)
                }
            }
            try (RespClient c = new RespClient(server.connect())) {
                c.sendRaw("AUTH " + PASSWORD + "\r\n");
                assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
                long started = System.nanoTime();
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(500);
            }
            assertThat(HeaderMemoryTest.usedHeapAfterGc() - before).as("heap growth").isLessThan(64L * 1024 * 1024);
        } finally {
            attackers.forEach(RespClient::close);
        }
    }

    @Test
    protected void hugeHeadersBeforeAuthCostLittle() throws Exception {
        assertHugeHeadersCostLittle(false);
    }

    @Test
    protected void hugeHeadersAfterAuthCostLittle() throws Exception {
        assertHugeHeadersCostLittle(true);
    }
}
