package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/** Parameters and commands that end connections or the server: timeout, SHUTDOWN, enable-debug-command. */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class ServerLifecycleTest {

    @Test
    void idleClientsAreClosedAfterTimeout() throws Exception {
        try (RedoubtServer server = TestDatabases.start("timeout", "1");
             RespClient idle = RespClient.connect(server.port())) {
            assertThat(idle.callText("PING")).isEqualTo("+PONG\r\n");
            await().atMost(Duration.ofSeconds(15)).until(idle::isClosedByServer);
        }
    }

    @Test
    void subscribersAndBlockedClientsAreExemptFromTheIdleTimeoutAsInRedis() throws Exception {
        try (RealRedis redis = RealRedis.start("--timeout", "1");
             RedoubtServer server = TestDatabases.start("timeout", "1")) {
            for (int port : new int[] {redis.port(), server.port()}) {
                try (RespClient subscriber = RespClient.connect(port);
                     RespClient blocked = RespClient.connect(port);
                     RespClient idle = RespClient.connect(port)) {
                    subscriber.call("SUBSCRIBE", "news");
                    blocked.send("BLPOP", "nothing", "0");
                    assertThat(idle.callText("PING")).isEqualTo("+PONG\r\n");
                    await().atMost(Duration.ofSeconds(15)).until(idle::isClosedByServer);
                    Thread.sleep(1500); // another second and more past the timeout for the exempt ones
                    assertThat(subscriber.isClosedByServer()).as("subscriber on %d", port).isFalse();
                    assertThat(blocked.isClosedByServer()).as("blocked client on %d", port).isFalse();
                }
            }
        }
    }

    @Test
    void shutdownStopsTheNode() throws Exception {
        try (RedoubtServer server = TestDatabases.start()) {
            int port = server.port();
            try (RespClient c = RespClient.connect(port)) {
                assertThat(c.callText("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
                c.send("SHUTDOWN", "NOSAVE");
                assertThat(c.isClosedByServer()).isTrue();
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> refused(port));
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void debugIsRefusedAsRedisRefusesItWhenDisabled() throws Exception {
        try (RealRedis redis = RealRedis.start("--enable-debug-command", "no");
             RedoubtServer server = TestDatabases.start();
             RespClient a = RespClient.connect(redis.port());
             RespClient b = RespClient.connect(server.port())) {
            for (String[] cmd : new String[][] {{"DEBUG", "SLEEP", "0"}, {"DEBUG", "HELP"}, {"DEBUG", "OBJECT", "k"}}) {
                assertThat(b.callText(cmd)).isEqualTo(a.callText(cmd)).startsWith("-ERR DEBUG command not allowed.");
            }
        }
    }

    @Test
    void debugLocalAllowsLoopbackClients() throws Exception {
        try (RedoubtServer server = TestDatabases.start("enable-debug-command", "local");
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("SET", "k", "hello")).isEqualTo("+OK\r\n");
            assertThat(c.callText("DEBUG", "OBJECT", "k"))
                    .matches("\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6 lru:\\d+ lru_seconds_idle:\\d+\r\n");
            assertThat(c.callText("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
            assertThat(server.shard().settings().activeExpire()).isFalse();
            assertThat(c.callText("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("+OK\r\n");
            assertThat(server.shard().settings().activeExpire()).isTrue();
        }
    }
}
