package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventType;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * Issue 14, defect 8: a web page can make a browser POST to the data port; the HTTP request's lines
 * must not run as inline commands. Redis closes the connection when a request is named {@code POST}
 * or {@code Host:}, before authentication and with nothing sent back, and logs a possible attack;
 * Redoubt does the same and records a security event.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrossProtocolScriptingTest {
    /** What a browser sends for a cross-site form POST whose text/plain body holds Redis commands. */
    private static final String BROWSER_POST = "POST / HTTP/1.1\r\n"
            + "Host: 127.0.0.1:6379\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 25\r\n"
            + "\r\n"
            + "SET xps pwned\r\nQUIT\r\n";

    @TempDir
    static Path dir;
    private static RealRedis redis;
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.start();
        server = TestDatabases.start("event-log-file", dir.resolve("events.jsonl").toString());
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
    }

    /** Sends {@code bytes} and returns what the server sends until it closes, or "<open>" after that if it does not. */
    private static String exchange(int port, String bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
            return HalfClosedClientTest.readUntilClosed(s.getInputStream());
        }
    }

    @Test
    void aBrowserPostIsCutOffBeforeItsBodyRuns() throws Exception {
        Instant before = Instant.now();
        assertThat(exchange(redis.port(), BROWSER_POST)).as("redis").isEmpty();
        assertThat(exchange(server.port(), BROWSER_POST)).as("redoubt").isEmpty();
        try (RespClient r = RespClient.connect(redis.port()); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("EXISTS", "xps")).isEqualTo(r.callText("EXISTS", "xps")).isEqualTo(":0\r\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !attacks(before).isEmpty());
        SecurityEvent event = attacks(before).get(0);
        assertThat(event.clientAddress()).startsWith("127.0.0.1:");
        assertThat(event.detail()).contains("cross-protocol scripting");
    }

    private static List<SecurityEvent> attacks(Instant since) throws IOException {
        return server.eventLog().query(since, Instant.MAX, Set.of(EventType.POSSIBLE_ATTACK), 10);
    }

    @Test
    void aHostLineDropsEvenTheRepliesBeforeIt() throws Exception {
        // Redis frees the client with its pending replies unsent: PING's reply is lost too
        String input = "PING\r\nhost: 127.0.0.1\r\nSET xps2 pwned\r\n";
        assertThat(exchange(server.port(), input)).isEqualTo(exchange(redis.port(), input)).isEmpty();
        String multibulk = "*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPoSt\r\n*3\r\n$3\r\nSET\r\n$4\r\nxps2\r\n$1\r\n1\r\n";
        assertThat(exchange(server.port(), multibulk)).isEqualTo(exchange(redis.port(), multibulk)).isEmpty();
        try (RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("EXISTS", "xps2")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void theCheckComesBeforeAuthenticationAndTransactions() throws Exception {
        try (RealRedis locked = RealRedis.start();
             RedoubtServer guarded = TestDatabases.start("requirepass", "s3cret-pass")) {
            try (RespClient admin = RespClient.connect(locked.port())) {
                assertThat(admin.callText("CONFIG", "SET", "requirepass", "s3cret-pass")).isEqualTo("+OK\r\n");
            }
            // an unauthenticated client gets no -NOAUTH: it is closed, as by Redis
            assertThat(exchange(guarded.port(), BROWSER_POST)).isEqualTo(exchange(locked.port(), BROWSER_POST))
                    .isEmpty();
            String inMulti = "AUTH s3cret-pass\r\nMULTI\r\nPOST / HTTP/1.1\r\n";
            assertThat(exchange(guarded.port(), inMulti)).isEqualTo(exchange(locked.port(), inMulti)).isEmpty();
        }
    }

    @Test
    void throughTwoShards() throws Exception {
        try (io.redoubt.node.ShardedDatabase db = io.redoubt.testkit.TestDatabases.startSharded(2)) {
            assertThat(exchange(db.port(), BROWSER_POST)).isEmpty();
            try (RespClient c = RespClient.connect(db.port())) {
                assertThat(c.callText("EXISTS", "xps")).isEqualTo(":0\r\n");
            }
        }
    }

    @Test
    void lookAlikesAreOrdinaryUnknownCommands() throws Exception {
        try (RespClient r = RespClient.connect(redis.port()); RespClient c = RespClient.connect(server.port())) {
            for (String name : new String[] {"POSTS", "HOST", "get"}) {
                assertThat(c.callText(name)).as(name).isEqualTo(r.callText(name));
            }
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
        }
    }
}
