package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * Requests that arrive in one write are parsed as a batch before they run (so their keys can be
 * looked up together); what they do must still be what one request after another does in Redis:
 * a request that blocks, is paused, closes the connection or authenticates holds back the ones
 * behind it, and a protocol error waits for the requests before it.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class PipelinedBatchTest {
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabases.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RespClient open() {
        RespClient c = RespClient.connect(server.port());
        assertThat(c.callText("FLUSHALL")).isEqualTo("+OK\r\n");
        return c;
    }

    private static void awaitBlocked(RespClient admin, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.callText("INFO", "clients")
                .contains("blocked_clients:" + n + "\r\n"));
    }

    @Test
    void requestsBehindABlockedOneRunWhenItIsServed() {
        try (RespClient admin = open(); RespClient c = RespClient.connect(server.port())) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
                    + "*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n"
                    + "*2\r\n$4\r\nINCR\r\n$1\r\na\r\n"
                    + "*2\r\n$3\r\nGET\r\n$1\r\na\r\n");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            awaitBlocked(admin, 1);
            assertThat(admin.callText("GET", "a")).as("INCR waits behind BLPOP").isEqualTo("$1\r\n1\r\n");
            admin.call("RPUSH", "q", "job");
            assertThat(c.readReplyText()).isEqualTo("*2\r\n$1\r\nq\r\n$3\r\njob\r\n");
            assertThat(c.readReplyText()).isEqualTo(":2\r\n");
            assertThat(c.readReplyText()).isEqualTo("$1\r\n2\r\n");
        }
    }

    @Test
    void aProtocolErrorWaitsForTheBlockedRequestBeforeIt() {
        try (RespClient admin = open(); RespClient c = RespClient.connect(server.port())) {
            c.sendRaw("*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n"
                    + "*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n1\r\n"
                    + "*x\r\n");
            awaitBlocked(admin, 1);
            assertThat(admin.callText("EXISTS", "after")).isEqualTo(":0\r\n");
            admin.call("RPUSH", "q", "job");
            assertThat(c.readReplyText()).isEqualTo("*2\r\n$1\r\nq\r\n$3\r\njob\r\n");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(c.readReplyText()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
            await().atMost(Duration.ofSeconds(5)).until(c::isClosedByServer);
            assertThat(admin.callText("GET", "after")).isEqualTo("$1\r\n1\r\n");
        }
    }

    @Test
    void aPausedWriteHoldsBackTheRequestsBehindIt() {
        try (RespClient admin = open(); RespClient c = RespClient.connect(server.port())) {
            admin.call("SET", "k", "old");
            assertThat(admin.callText("CLIENT", "PAUSE", "10000", "WRITE")).isEqualTo("+OK\r\n");
            try {
                c.sendRaw("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"
                        + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nnew\r\n"
                        + "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
                assertThat(c.readReplyText()).isEqualTo("$3\r\nold\r\n");
                await().atMost(Duration.ofSeconds(10)).until(() -> admin.callText("CLIENT", "LIST").contains("flags=b"));
            } finally {
                assertThat(admin.callText("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            }
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(c.readReplyText()).isEqualTo("$3\r\nnew\r\n");
        }
    }

    @Test
    void nothingBehindQuitRuns() {
        try (RespClient admin = open(); RespClient c = RespClient.connect(server.port())) {
            c.sendRaw("*3\r\n$3\r\nSET\r\n$6\r\nbefore\r\n$1\r\n1\r\n"
                    + "*1\r\n$4\r\nQUIT\r\n"
                    + "*3\r\n$3\r\nSET\r\n$6\r\nbehind\r\n$1\r\n1\r\n");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            await().atMost(Duration.ofSeconds(5)).until(c::isClosedByServer);
            assertThat(admin.callText("EXISTS", "before", "behind")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void onlyRequestsAfterASuccessfulAuthGetTheAuthenticatedLimits() {
        try (RespClient admin = open()) {
            assertThat(admin.callText("ACL", "SETUSER", "guarded", "on", ">s3cret-pass", "~*", "&*", "+@all"))
                    .isEqualTo("+OK\r\n");
            admin.call("ACL", "SETUSER", "default", "off");
            try (RespClient c = RespClient.connect(server.port());
                 RespClient stranger = RespClient.connect(server.port())) {
                // more than the 10 arguments an unauthenticated client may send, right behind its AUTH
                StringBuilder mset = new StringBuilder("*13\r\n$4\r\nMSET\r\n");
                for (int i = 0; i < 6; i++) {
                    mset.append("$2\r\nk").append(i).append("\r\n$1\r\n").append(i).append("\r\n");
                }
                c.sendRaw("*3\r\n$4\r\nAUTH\r\n$7\r\nguarded\r\n$11\r\ns3cret-pass\r\n" + mset);
                assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
                assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
                assertThat(admin.callText("GET", "k5")).isEqualTo("$1\r\n5\r\n");

                stranger.sendRaw("*1\r\n$4\r\nPING\r\n*13\r\n");
                assertThat(stranger.readReplyText()).startsWith("-NOAUTH");
                assertThat(stranger.readReplyText()).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
                await().atMost(Duration.ofSeconds(5)).until(stranger::isClosedByServer);
            } finally {
                admin.call("ACL", "SETUSER", "default", "on");
            }
        }
    }
}
