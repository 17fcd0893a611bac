package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.redoubt.testkit.TestDatabases;

/**
 * Issue 14, defect 3: a 27-byte header announcing a 512 MB argument must cost the server what the
 * client actually sends, not what it announces, for any client allowed past the unauthenticated
 * limits (a password-less default user, or any user after AUTH, even one allowed no command), and a
 * closed connection's buffers must be reclaimable. The server runs in this JVM, so its heap is this
 * JVM's heap, measured after a full collection. Redis reserves the buffer but touches none of it: its
 * resident memory stays flat.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeaderMemoryTest {
    static final String HUGE_HEADER = "*2\r\n$4\r\nPING\r\n$536870912\r\n";
    private static final int ATTACKERS = 4;
    private static final long BOUND = 64L * 1024 * 1024;

    /** Used heap after a full collection (collected twice: the first may only queue finalisation). */
    static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Opens connections that each announce a 512 MB argument after {@code prefix} (an AUTH or nothing). */
    static List<RespClient> attack(int port, String auth, byte[] bodyPart) {
        List<RespClient> attackers = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            RespClient a = new RespClient("127.0.0.1", port, 10_000);
            attackers.add(a);
            if (auth != null) {
                a.sendRaw(auth);
                assertThat(a.readReplyText()).isEqualTo("+OK\r\n");
            }
            a.sendRaw(HUGE_HEADER);
            if (bodyPart != null) {
                a.sendRaw(bodyPart);
            }
        }
        return attackers;
    }

    private static void assertAnswersQuickly(int port, String auth) {
        try (RespClient c = RespClient.connect(port)) {
            if (auth != null) {
                c.sendRaw(auth);
                assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            }
            long started = System.nanoTime();
            assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(500);
        }
    }

    private static void assertHeapBounded(int port, String attackerAuth, String bystanderAuth) {
        long before = usedHeapAfterGc();
        List<RespClient> attackers = attack(port, attackerAuth, null);
        try {
            assertAnswersQuickly(port, bystanderAuth); // also makes sure every header has been read
            assertThat(usedHeapAfterGc() - before).as("heap held for %d announced 512 MB arguments", ATTACKERS)
                    .isLessThan(BOUND);
        } finally {
            attackers.forEach(RespClient::close);
        }
    }

    @Test
    void anOpenDefaultUserCannotExhaustTheHeapWithHeaders() throws Exception {
        try (RedoubtServer server = TestDatabases.start()) {
            assertHeapBounded(server.port(), null, null);
        }
    }

    @Test
    void aUserAllowedNoCommandCannotExhaustTheHeapWithHeaders() throws Exception {
        try (RedoubtServer server = TestDatabases.start("requirepass", "admin-pass")) {
            try (RespClient admin = RespClient.connect(server.port())) {
                admin.call("AUTH", "admin-pass");
                assertThat(admin.callText("ACL", "SETUSER", "nothing", "on", ">nothing-pass", "-@all"))
                        .isEqualTo("+OK\r\n");
            }
            assertHeapBounded(server.port(), "*3\r\n$4\r\nAUTH\r\n$7\r\nnothing\r\n$12\r\nnothing-pass\r\n",
                    "*2\r\n$4\r\nAUTH\r\n$10\r\nadmin-pass\r\n");
        }
    }

    @Test
    void closedConnectionsLeaveNothingBehind() throws Exception {
        try (RedoubtServer server = TestDatabases.start()) {
            long before = usedHeapAfterGc();
            List<RespClient> attackers = attack(server.port(), null, new byte[8 * 1024 * 1024]);
            assertAnswersQuickly(server.port(), null);
            attackers.forEach(RespClient::close);
            // the server notices the closes asynchronously; its client list empties when it has
            try (RespClient c = RespClient.connect(server.port())) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> c.callText("INFO", "clients").contains("connected_clients:1\r\n"));
            }
            assertThat(usedHeapAfterGc() - before).as("heap still held after the attackers closed")
                    .isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void redisResidentMemoryStaysFlat() throws Exception {
        try (RealRedis redis = RealRedis.start(); RespClient c = RespClient.connect(redis.port())) {
            long before = rss(c);
            List<RespClient> attackers = attack(redis.port(), null, null);
            try {
                assertThat(c.callText("PING")).isEqualTo("+PONG\r\n");
                assertThat(rss(c) - before).isLessThan(BOUND);
            } finally {
                attackers.forEach(RespClient::close);
            }
        }
    }

    private static long rss(RespClient c) {
        String info = c.callText("INFO", "memory");
        int at = info.indexOf("used_memory_rss:") + "used_memory_rss:".length();
        return Long.parseLong(info.substring(at, info.indexOf('\r', at)));
    }
}
