package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ClientKillParams;
import io.redoubt.testkit.TestDatabases;

/**
 * Jedis and Lettuce against Redoubt: their connection handshakes (HELLO 3, CLIENT SETINFO, Lettuce's
 * CLIENT MAINT_NOTIFICATIONS) and the CLIENT commands that act on other connections.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class RealClientsTest {
    private static RedoubtServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestDatabases.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Jedis jedis() {
        return new Jedis("127.0.0.1", server.port());
    }

    private static RespClient raw() {
        return RespClient.connect(server.port());
    }

    @Test
    void jedisConnectsNamesItselfAndListsClients() {
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().clientName("jedis-1").build())) {
            assertThat(j.set("k", "v")).isEqualTo("OK");
            assertThat(j.get("k")).isEqualTo("v");
            assertThat(j.clientGetname()).isEqualTo("jedis-1");
            assertThat(j.clientList()).contains("name=jedis-1 ").contains("cmd=client|list");
            assertThat(j.clientInfo()).startsWith("id=" + j.clientId() + " ");
        }
    }

    @Test
    void jedisWithResp3() {
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()),
                DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build())) {
            assertThat(j.set("k3", "v")).isEqualTo("OK");
            assertThat(j.get("k3")).isEqualTo("v");
            assertThat(j.clientInfo()).contains(" resp=3");
        }
    }

    @Test
    void lettuceHandshakeKeepsTheConnectionUsable() {
        RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + server.port()));
        try (RespClient monitor = raw()) {
            monitor.callText("MONITOR");
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> sync = c.sync();
                assertThat(sync.ping()).isEqualTo("PONG");
                assertThat(sync.set("lk", "lv")).isEqualTo("OK");
                assertThat(sync.get("lk")).isEqualTo("lv");
                assertThat(sync.clientSetname("lettuce-1")).isEqualTo("OK");
                assertThat(sync.clientGetname()).isEqualTo("lettuce-1");
                assertThat(sync.clientInfo()).contains(" resp=3").contains("name=lettuce-1 ");
            }
            assertThat(monitor.readReplyText()).endsWith("\"HELLO\" \"3\"\r\n");
            assertThat(monitor.readReplyText()).endsWith("\"CLIENT\" \"SETINFO\" \"lib-name\" \"Lettuce\"\r\n");
        } finally {
            client.shutdown();
        }
    }

    /** Redis 7.0 answers CLIENT MAINT_NOTIFICATIONS with an error; Lettuce must carry on regardless. */
    @Test
    void lettuceWithMaintenanceNotificationsStillConnects() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + server.port()));
        client.setOptions(ClientOptions.builder().maintNotificationsConfig(MaintNotificationsConfig.enabled()).build());
        long errorsBefore = server.endpoint().onShardThread(() -> server.context().stats().totalErrorReplies);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().set("mk", "mv")).isEqualTo("OK");
            assertThat(c.sync().get("mk")).isEqualTo("mv");
            long errors = server.endpoint().onShardThread(() -> server.context().stats().totalErrorReplies);
            assertThat(errors).as("the refused CLIENT MAINT_NOTIFICATIONS").isGreaterThan(errorsBefore);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void clientKillByIdDisconnectsAnotherClient() {
        try (Jedis victim = jedis(); Jedis killer = jedis()) {
            long id = victim.clientId();
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().id(Long.toString(id)))).isEqualTo(1);
            assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
            assertThat(killer.clientList()).doesNotContain("id=" + id + " ");
        }
    }

    @Test
    void clientKillByAddressOldAndNewForms() {
        try (RespClient a = raw(); RespClient b = raw(); Jedis killer = jedis()) {
            String addrA = field(a.callText("CLIENT", "INFO"), "addr");
            String addrB = field(b.callText("CLIENT", "INFO"), "addr");
            assertThat(killer.clientKill(addrA)).isEqualTo("OK");
            assertThat(a.isClosedByServer()).isTrue();
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().addr(addrB))).isEqualTo(1);
            assertThat(b.isClosedByServer()).isTrue();
        }
    }

    @Test
    void clientKillSkipmeNoKillsTheCallerAfterItsReply() {
        try (RespClient self = raw()) {
            String id = field(self.callText("CLIENT", "INFO"), "id");
            assertThat(self.callText("CLIENT", "KILL", "ID", id, "SKIPME", "NO")).isEqualTo(":1\r\n");
            assertThat(self.isClosedByServer()).isTrue();
        }
    }

    @Test
    void clientPauseWriteHoldsWritesUntilUnpause() {
        try (RespClient writer = raw(); Jedis reader = jedis(); Jedis admin = jedis()) {
            String writerId = field(writer.callText("CLIENT", "INFO"), "id");
            assertThat(admin.clientPause(60_000, ClientPauseMode.WRITE)).isEqualTo("OK");
            writer.send("SET", "paused-key", "v");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> admin.clientList(Long.parseLong(writerId)).contains("flags=b "));
            assertThat(reader.get("paused-key")).isNull(); // reads are not held by a WRITE pause
            assertThat(admin.clientUnpause()).isEqualTo("OK");
            assertThat(writer.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(reader.get("paused-key")).isEqualTo("v");
        }
    }

    @Test
    void clientPauseAllDelaysInsteadOfRefusing() {
        try (RespClient client = raw(); Jedis admin = jedis()) {
            client.callText("SET", "pa", "1");
            assertThat(admin.clientPause(300, ClientPauseMode.ALL)).isEqualTo("OK");
            client.send("SET", "pa", "2");
            client.send("GET", "pa");
            assertThat(client.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(client.readReplyText()).isEqualTo("$1\r\n2\r\n");
        }
    }

    @Test
    void monitorReceivesOtherClientsCommands() {
        try (RespClient monitor = raw(); RespClient other = raw()) {
            assertThat(monitor.callText("MONITOR")).isEqualTo("+OK\r\n");
            String addr = field(other.callText("CLIENT", "INFO"), "addr");
            other.callText("CLIENT", "LIST"); // admin commands are not shown
            other.callText("SELECT", "2");
            assertThat(monitor.readReplyText())
                    .matches("\\+\\d+\\.\\d{6} \\[0 " + addr + "\\] \"CLIENT\" \"INFO\"\r\n");
            other.callText("SET", "a b", "q\"\\\n\u0001");
            other.callText("AUTH", "default", "secret");
            assertThat(monitor.readReplyText())
                    .matches("\\+\\d+\\.\\d{6} \\[2 " + addr + "\\] \"SELECT\" \"2\"\r\n");
            assertThat(monitor.readReplyText())
                    .endsWith(" [2 " + addr + "] \"SET\" \"a b\" \"q\\\"\\\\\\n\\x01\"\r\n");
            assertThat(monitor.readReplyText())
                    .endsWith(" [2 " + addr + "] \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n");
            assertThat(monitor.callText("RESET")).isEqualTo("+RESET\r\n");
            other.callText("PING");
            assertThat(monitor.callText("PING")).isEqualTo("+PONG\r\n"); // no longer fed after RESET
        }
    }

    @Test
    void replyOffSilencesAConnection() {
        try (RespClient c = raw()) {
            c.send("CLIENT", "REPLY", "OFF");
            c.send("SET", "silent", "1");
            c.send("CLIENT", "REPLY", "ON");
            assertThat(c.readReplyText()).isEqualTo("+OK\r\n");
            assertThat(c.callText("GET", "silent")).isEqualTo("$1\r\n1\r\n");
        }
    }

    /** The value of {@code name=} in a CLIENT INFO reply. */
    static String field(String info, String name) {
        for (String f : info.split("[ \r\n]")) {
            if (f.startsWith(name + "=")) {
                return f.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }
}
