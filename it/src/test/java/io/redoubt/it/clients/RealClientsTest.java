package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.ClientOptions;
import io.redoubt.node.RedoubtServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import io.redoubt.testkit.TestDatabases;

/** Redoubt driven by the clients people use: Jedis, Lettuce over RESP3, redis-cli and redis-benchmark. */
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

    @Test
    void jedisReadsAndWrites() {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.set("jedis:k", "v")).isEqualTo("OK");
            assertThat(jedis.get("jedis:k")).isEqualTo("v");
            assertThat(jedis.get("jedis:missing")).isNull();
            assertThat(jedis.del("jedis:k")).isEqualTo(1);
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 500; i++) {
                p.set("jedis:p" + i, Integer.toString(i));
            }
            p.sync();
            assertThat(jedis.get("jedis:p499")).isEqualTo("499");
        }
    }

    @Test
    void lettuceSpeaksResp3() {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> cmd = conn.sync();
            assertThat(cmd.ping()).isEqualTo("PONG");
            assertThat(cmd.set("lettuce:k", "value")).isEqualTo("OK");
            assertThat(cmd.get("lettuce:k")).isEqualTo("value");
            assertThat(cmd.exists("lettuce:k", "lettuce:none")).isEqualTo(1);
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    @Test
    void redisCliWorks() throws Exception {
        assertThat(cli("SET", "cli:k", "hello world")).isEqualTo("OK");
        assertThat(cli("GET", "cli:k")).isEqualTo("hello world");
        assertThat(cli("NOSUCH")).startsWith("ERR unknown command 'NOSUCH'");
        assertThat(cli("PING")).isEqualTo("PONG");
    }

    @Test
    void redisBenchmarkCompletesWithoutErrors() throws Exception {
        Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-q", "-t", "set,get,incr,mset", "-P", "16", "-n", "20000", "-c", "10")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // Each tested command reports a rate; an error reply would be printed instead.
        for (String test : List.of("SET", "GET")) {
            assertThat(out).as(out).containsPattern(test + ": [0-9.]+ requests per second");
        }
        assertThat(out).doesNotContain("ERR");
    }

    private String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(server.port())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
