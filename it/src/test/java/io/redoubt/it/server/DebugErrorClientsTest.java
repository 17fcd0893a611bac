package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * DEBUG ERROR through Jedis's and Lettuce's own APIs, as client libraries use it to simulate server
 * errors in their tests: each error text must surface as the same exception type with the same message
 * on Redoubt as on Redis 7.0.15 (LOADING, BUSY, NOSCRIPT, MOVED and ASK map to their own types), and
 * the connection must go on. Lettuce's debugReload goes through DEBUG RELOAD.
 */
@Timeout(60)
class DebugErrorClientsTest {
    private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> ERRORS = List.of("ERR plain failure", "WRONGTYPE simulated",
            "LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script",
            "NOSCRIPT No matching script", "MOVED 3999 127.0.0.1:6381", "ASK 3999 127.0.0.1:6381",
            "CLUSTERDOWN The cluster is down", "NOAUTH Authentication required.", "no code at all");

    private static int[] ports() {
        return new int[] {SharedServers.redis().port(), SharedServers.redoubt().port()};
    }

    @Test
    void jedisSeesTheSameExceptions() {
        List<List<String>> outcomes = new ArrayList<>();
        for (int port : ports()) {
            List<String> seen = new ArrayList<>();
            try (Jedis jedis = new Jedis("127.0.0.1", port, 5000)) {
                for (String error : ERRORS) {
                    Throwable t = catchThrowable(() -> jedis.sendCommand(DEBUG, "ERROR", error));
                    seen.add(t == null ? "no error" : t.getClass().getName() + ": " + t.getMessage());
                    assertThat(jedis.ping()).isEqualTo("PONG");
                }
            }
            outcomes.add(seen);
        }
        assertThat(outcomes.get(0)).allMatch(o -> !o.equals("no error"));
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
    }

    @Test
    void lettuceSeesTheSameExceptions() {
        List<List<String>> outcomes = new ArrayList<>();
        for (int port : ports()) {
            List<String> seen = new ArrayList<>();
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                    .withTimeout(Duration.ofSeconds(5)).build());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                for (String error : ERRORS) {
                    Throwable t = catchThrowable(() -> c.sync().dispatch(CommandType.DEBUG,
                            new StatusOutput<>(StringCodec.UTF8),
                            new CommandArgs<>(StringCodec.UTF8).add("ERROR").add(error)));
                    seen.add(t == null ? "no error" : t.getClass().getName() + ": " + t.getMessage());
                    assertThat(c.sync().ping()).isEqualTo("PONG");
                }
                c.sync().set("reloaded", "yes");
                seen.add(c.sync().debugReload());
                seen.add(c.sync().get("reloaded"));
                c.sync().del("reloaded");
            } finally {
                client.shutdown();
            }
            outcomes.add(seen);
        }
        assertThat(outcomes.get(0)).allMatch(o -> !o.equals("no error"));
        assertThat(outcomes.get(1)).isEqualTo(outcomes.get(0));
    }
}
