package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * A client that shuts down its sending side after writing ({@code nc -N}, {@code shutdownOutput()})
 * still gets a reply to everything it sent, then the server closes the connection: Redis reads the
 * requests, answers them, and frees the client when it reads the end of the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HalfClosedClientTest {
    private static RealRedis redis;
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        server = TestDatabases.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
    }

    /** Sends {@code request}, shuts down the sending side, and reads until the server closes (or 10 s pass). */
    static String sendThenHalfClose(Socket s, byte[] request) throws IOException {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        s.shutdownOutput();
        return readUntilClosed(s.getInputStream());
    }

    /** Everything the server sends until it closes; ends with "<open>" when it did not close within the timeout. */
    static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return got.toString(StandardCharsets.UTF_8) + "<open>";
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static String halfClosed(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            return sendThenHalfClose(s, request.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPipelineIsAnsweredBeforeTheClose() throws Exception {
        String pipeline = "SET half 1\r\nINCR half\r\n*2\r\n$3\r\nGET\r\n$4\r\nhalf\r\nPING\r\n";
        String expected = "+OK\r\n:2\r\n$1\r\n2\r\n+PONG\r\n";
        assertThat(halfClosed(redis.port(), pipeline)).isEqualTo(expected);
        assertThat(halfClosed(server.port(), pipeline)).isEqualTo(expected);
    }

    @Test
    void aLargePipelineIsAnsweredInFull() throws Exception {
        StringBuilder pipeline = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            pipeline.append("*3\r\n$3\r\nSET\r\n$2\r\nhp\r\n$").append(Integer.toString(i).length()).append("\r\n")
                    .append(i).append("\r\n*2\r\n$3\r\nGET\r\n$2\r\nhp\r\n");
            expected.append("+OK\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
        }
        assertThat(halfClosed(redis.port(), pipeline.toString())).isEqualTo(expected.toString());
        assertThat(halfClosed(server.port(), pipeline.toString())).isEqualTo(expected.toString());
    }

    /** The router closes behind its last reply, never over it (an io_uring write may still be in flight). */
    @Test
    void throughTwoShardsEveryTime() throws Exception {
        try (io.redoubt.node.ShardedDatabase db = io.redoubt.testkit.TestDatabases.startSharded(2)) {
            String pipeline = "SET half 1\r\nINCR half\r\nMSET a 1 b 2\r\nMGET a b\r\nPING\r\n";
            for (int i = 0; i < 100; i++) {
                assertThat(halfClosed(db.port(), pipeline)).as("round " + i)
                    .isEqualTo("+OK\r\n:2\r\n+OK\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n+PONG\r\n");
            }
        }
    }

    @Test
    void throughTwoShards() throws Exception {
        try (io.redoubt.node.ShardedDatabase db = io.redoubt.testkit.TestDatabases.startSharded(2)) {
            String pipeline = "SET half 1\r\nINCR half\r\nMSET a 1 b 2\r\nMGET a b\r\nPING\r\n";
            assertThat(halfClosed(db.port(), pipeline)).isEqualTo(halfClosed(redis.port(), pipeline))
                    .isEqualTo("+OK\r\n:2\r\n+OK\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n+PONG\r\n");
        }
    }

    @Test
    void theServerStillClosesAClientThatHalfClosedWhileBlocked() throws Exception {
        String blpop = "*3\r\n$5\r\nBLPOP\r\n$10\r\nhalf-empty\r\n$1\r\n0\r\n";
        assertThat(halfClosed(redis.port(), blpop)).isEmpty();
        assertThat(halfClosed(server.port(), blpop)).isEmpty();
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
