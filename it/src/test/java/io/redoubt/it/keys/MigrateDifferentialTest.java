package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * MIGRATE against Redis 7.0.15: the same requests from a Redis source and from a Redoubt source, to a
 * real redis-server and to another Redoubt as targets (and Redis migrating into Redoubt), must get the
 * same replies byte for byte and leave the same keys on both sides; the ACL rule (every key read and
 * deleted, COPY or not, and the KEYS form's keys found as Redis's getkeys proc finds them), the cached
 * connection per target, a target failing mid-way and the timeout are compared the same way.
 */
@Timeout(120)
class MigrateDifferentialTest extends DifferentialTest {
    private static RealRedis redisTarget;
    private static RedoubtServer redoubtTarget;

    @BeforeAll
    static void startTargets() throws Exception {
        redisTarget = RealRedis.start();
        redoubtTarget = TestDatabases.start();
    }

    @AfterAll
    static void stopTargets() {
        redisTarget.close();
        redoubtTarget.close();
    }

    /** The requests of one migration scenario, run from a source to a target on port {@code target}. */
    private static List<String[]> scenario(int target) {
        String port = Integer.toString(target);
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"SET", "a", "1"});
        steps.add(new String[] {"RPUSH", "l", "x", "y", "z"});
        steps.add(new String[] {"HSET", "h", "f", "v"});
        steps.add(new String[] {"SET", "e", "v", "EX", "100000"});
        steps.add(new String[] {"SET", "c", "copied"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "a", "0", "1000"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "", "0", "1000", "KEYS", "l", "nokey", "e"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "nokey", "0", "1000"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "", "0", "1000", "KEYS", "nokey", "nokey2"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "c", "0", "1000", "COPY"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "c", "0", "1000", "COPY"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "c", "0", "1000", "copy", "replace"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "99", "1000"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "3", "1000", "AUTH", "secret"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "3", "1000", "AUTH2", "someone", "secret"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "3", "1000", "AUTH"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "3", "1000", "AUTH2", "x"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "x", "1000"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "0", "soon"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "0", "1000", "KEYS", "a"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "0", "1000", "BOGUS"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "0"});
        steps.add(new String[] {"MIGRATE", "127.0.0.1", port, "h", "3", "0"});
        steps.add(new String[] {"EXISTS", "a", "l", "e", "c", "h"});
        steps.add(new String[] {"DBSIZE"});
        return steps;
    }

    /** What the target holds after a scenario (TTLs only as present or not: the clocks differ by ms). */
    private static List<String> targetState(int target) {
        try (RespClient c = RespClient.connect(target)) {
            List<String> state = new ArrayList<>();
            for (String[] q : new String[][] {{"GET", "a"}, {"LRANGE", "l", "0", "-1"}, {"GET", "e"}, {"GET", "c"},
                {"EXISTS", "h"}, {"SELECT", "3"}, {"HGETALL", "h"}, {"DBSIZE"}, {"SELECT", "0"}, {"DBSIZE"}}) {
                state.add(c.callText(q));
            }
            long ttl = Long.parseLong(c.callText("TTL", "e").trim().substring(1));
            state.add(ttl > 99_000 && ttl <= 100_000 ? "ttl kept" : "ttl " + ttl);
            return state;
        }
    }

    private static void flush(int port) {
        try (RespClient c = RespClient.connect(port)) {
            c.call("FLUSHALL");
            c.call("SET", "c", "already there");
        }
    }

    private static List<String> run(RespClient source, List<String[]> steps) {
        List<String> replies = new ArrayList<>();
        for (String[] step : steps) {
            // the target's port differs from run to run: the request is shown without it
            replies.add(String.join(" ", step).replaceFirst(" \\d+ ", " PORT ") + " -> " + source.callText(step));
        }
        return replies;
    }

    @Test
    void migrateDescribesItselfAsRedis() {
        same("COMMAND", "INFO", "migrate");
        same("COMMAND", "DOCS", "migrate");
        sameScript("""
                COMMAND GETKEYSANDFLAGS migrate h 1 k 0 10
                COMMAND GETKEYSANDFLAGS migrate h 1 k 0 10 COPY
                COMMAND GETKEYSANDFLAGS migrate h 1 "" 0 10 COPY REPLACE AUTH keys KEYS a b
                COMMAND GETKEYSANDFLAGS migrate h 1 "" 0 10 AUTH2 u keys KEYS a
                COMMAND GETKEYS migrate h 1 k 0 10 KEYS a
                COMMAND GETKEYS migrate h 1 keys 0 10 copy
                COMMAND GETKEYS migrate h 1 "" 0 10 KEYS
                """);
    }

    @Test
    void redisAndRedoubtSourcesMigrateAlikeToRedisAndToRedoubt() {
        int redisPort = redisTarget.port();
        int redoubtPort = redoubtTarget.port();
        flush(redisPort);
        List<String> expectedReplies = run(redis, scenario(redisPort));
        List<String> expectedState = targetState(redisPort);

        flush(redisPort);
        assertThat(run(redoubt, scenario(redisPort))).as("Redoubt to Redis").isEqualTo(expectedReplies);
        assertThat(targetState(redisPort)).as("Redis target after Redoubt").isEqualTo(expectedState);

        redoubt.call("FLUSHALL");
        flush(redoubtPort);
        assertThat(run(redoubt, scenario(redoubtPort))).as("Redoubt to Redoubt").isEqualTo(expectedReplies);
        assertThat(targetState(redoubtPort)).as("Redoubt target after Redoubt").isEqualTo(expectedState);

        redis.call("FLUSHALL");
        flush(redoubtPort);
        assertThat(run(redis, scenario(redoubtPort))).as("Redis to Redoubt").isEqualTo(expectedReplies);
        assertThat(targetState(redoubtPort)).as("Redoubt target after Redis").isEqualTo(expectedState);
    }

    @Test
    void unreachableTargetsAnswerRedisErrors() throws IOException {
        int closed = RealRedis.freePort();
        same("SET", "k", "v");
        same("MIGRATE", "127.0.0.1", Integer.toString(closed), "k", "0", "500");
        same("MIGRATE", "127.0.0.1", "notaport", "k", "0", "500");
        same("MIGRATE", "127.0.0.1", "70000", "k", "0", "500");
        same("MIGRATE", "no-such-host.invalid", "6379", "k", "0", "500");
        same("EXISTS", "k");
    }

    @Test
    void aclAsksToReadAndDeleteEveryKeyEvenWithCopy() {
        String target = Integer.toString(redisTarget.port());
        try {
            sameScript("""
                    ACL SETUSER mig-read on nopass +migrate %R~*
                    ACL SETUSER mig-foo on nopass +migrate ~foo*
                    ACL DRYRUN mig-read migrate 127.0.0.1 1 k 0 10
                    ACL DRYRUN mig-read migrate 127.0.0.1 1 k 0 10 COPY
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 "" 0 10 KEYS foo1 foo2
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 "" 0 10 KEYS foo1 bar
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 bar 0 10
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 foo 0 10 AUTH keys
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 "" 0 10 AUTH keys KEYS foo
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 "" 0 10 AUTH2 keys x KEYS foo
                    ACL DRYRUN mig-foo migrate 127.0.0.1 1 "" 0 10 AUTH2 x keys KEYS foo
                    """);
            same("SET", "foo1", "v");
            for (RespClient c : new RespClient[] {redis, redoubt}) {
                c.call("AUTH", "mig-foo", "x");
            }
            same("MIGRATE", "127.0.0.1", target, "", "0", "1000", "KEYS", "bar");
            same("MIGRATE", "127.0.0.1", target, "bar", "0", "1000", "COPY");
            same("MIGRATE", "127.0.0.1", target, "", "0", "1000", "COPY", "REPLACE", "KEYS", "foo1");
            same("MIGRATE", "127.0.0.1", target, "", "0", "1000", "REPLACE", "KEYS", "foo1");
            same("EXISTS", "foo1");
        } finally {
            for (RespClient c : new RespClient[] {redis, redoubt}) {
                try (RespClient admin = RespClient.connect(c == redis ? redisPort() : redoubtPort())) {
                    admin.call("ACL", "DELUSER", "mig-read", "mig-foo");
                }
            }
        }
    }

    private static int redisPort() {
        return io.redoubt.testkit.SharedServers.redis().port();
    }

    private static int redoubtPort() {
        return io.redoubt.testkit.SharedServers.redoubt().port();
    }

    @Test
    void aTargetFailingMidWayLosesAndDuplicatesNoKey() throws Exception {
        for (RespClient source : new RespClient[] {redis, redoubt}) {
            source.call("MSET", "k1", "1", "k2", "2", "k3", "3");
        }
        List<String> replies = new ArrayList<>();
        List<Integer> restoresSeen = new ArrayList<>();
        for (RespClient source : new RespClient[] {redis, redoubt}) {
            // answers SELECT and the first RESTORE, then closes: k1 moved, k2 and k3 never acknowledged
            try (FakeTarget target = new FakeTarget("+OK\r\n+OK\r\n", true)) {
                replies.add(source.callText("MIGRATE", "127.0.0.1", Integer.toString(target.port()), "", "0", "2000",
                        "KEYS", "k1", "k2", "k3"));
                replies.add(source.callText("EXISTS", "k1") + source.callText("EXISTS", "k2")
                        + source.callText("EXISTS", "k3"));
                restoresSeen.add(target.restores());
            }
        }
        assertThat(printable(replies.get(2) + replies.get(3))).isEqualTo(printable(replies.get(0) + replies.get(1)));
        assertThat(replies.get(0)).isEqualTo("-IOERR error or timeout reading to target instance\r\n");
        assertThat(replies.get(1)).isEqualTo(":0\r\n:1\r\n:1\r\n");
        assertThat(restoresSeen.get(1)).isEqualTo(restoresSeen.get(0)).isEqualTo(3);
    }

    @Test
    void aSilentTargetHoldsTheSourceNoLongerThanTheTimeout() throws Exception {
        same("SET", "k", "v");
        List<String> replies = new ArrayList<>();
        long redoubtMillis = 0;
        for (RespClient source : new RespClient[] {redis, redoubt}) {
            try (FakeTarget target = new FakeTarget(null, false)) {
                long start = System.nanoTime();
                replies.add(source.callText("MIGRATE", "127.0.0.1", Integer.toString(target.port()), "k", "0", "300"));
                redoubtMillis = (System.nanoTime() - start) / 1_000_000;
            }
        }
        assertThat(printable(replies.get(1))).isEqualTo(printable(replies.get(0)));
        assertThat(replies.get(0)).isEqualTo("-IOERR error or timeout reading to target instance\r\n");
        assertThat(redoubtMillis).isBetween(250L, 1000L);
        assertThat(redoubt.callText("PING")).isEqualTo("+PONG\r\n");
        same("EXISTS", "k");
    }

    @Test
    void theConnectionToATargetIsReusedThenClosedAfterTenIdleSeconds() {
        try (RealRedis fresh = RealRedis.start(); RespClient target = RespClient.connect(fresh.port())) {
            int port = fresh.port();
            long connectionsBefore = stat(target, "total_connections_received");
            for (RespClient source : new RespClient[] {redis, redoubt}) {
                for (int i = 0; i < 3; i++) {
                    source.call("SET", "k" + i, "v");
                    assertThat(source.callText("MIGRATE", "127.0.0.1", Integer.toString(port), "k" + i, "0", "1000",
                            "REPLACE")).isEqualTo("+OK\r\n");
                }
            }
            // one connection from each source, kept for the six migrations
            assertThat(stat(target, "total_connections_received") - connectionsBefore).isEqualTo(2);
            long connected = stat(target, "connected_clients");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> stat(target, "connected_clients") == connected - 2);
        }
    }

    private static long stat(RespClient c, String field) {
        String info = c.callText("INFO");
        int at = info.indexOf(field + ":");
        return Long.parseLong(info.substring(at + field.length() + 1, info.indexOf('\r', at)));
    }

    /**
     * A target that reads a request for a while, then answers {@code reply} (or nothing) and, if asked,
     * closes the connection; it counts the RESTOREs it received.
     */
    private static final class FakeTarget implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0);
        private final AtomicInteger restores = new AtomicInteger();
        private final Thread thread;

        FakeTarget(String reply, boolean closeAfter) throws IOException {
            thread = Thread.ofVirtual().start(() -> serve(reply, closeAfter));
        }

        private void serve(String reply, boolean closeAfter) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(300);
                InputStream in = s.getInputStream();
                StringBuilder seen = new StringBuilder();
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (SocketTimeoutException quiet) {
                    // the whole request has arrived
                }
                restores.set(seen.toString().split("RESTORE", -1).length - 1);
                if (reply != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                if (!closeAfter) {
                    Thread.sleep(2000);
                }
            } catch (IOException | InterruptedException ignored) {
                // the test is over
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int restores() throws InterruptedException {
            thread.join(5000);
            return restores.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            thread.interrupt();
        }
    }
}
