package io.redoubt.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.dataplane.Transport;
import io.redoubt.engine.config.ConfigException;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.node.ShardedDatabase;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import io.redoubt.testkit.TestDatabases;

/**
 * The same server over each socket transport ({@code io-transport}): the rest of the suite runs on
 * whichever {@code auto} picks here, so this runs the paths that differ between them (reads and
 * writes split over many system calls, pipelining, a blocked client woken from another connection,
 * the sharded router's links) on every transport this machine has. io_uring is skipped where the
 * kernel or a container forbids it.
 */
@org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class TransportTest {
    private static final int BIG = 4 * 1024 * 1024;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serves_clients_on_each_transport(Transport transport) throws Exception {
        assumeTrue(transport.available(), transport.configName() + " is not available on this machine");
        try (RedoubtServer server = TestDatabases.start("io-transport", transport.configName());
             Jedis jedis = new Jedis("127.0.0.1", server.port(), 10_000); // a busy machine: 2 s can be short
             Jedis other = new Jedis("127.0.0.1", server.port(), 10_000)) {
            assertThat(jedis.info("server")).contains("multiplexing_api:" + transport.configName() + "\r\n");

            String big = "v".repeat(BIG - 1) + "!";
            assertThat(jedis.set("big", big)).isEqualTo("OK");
            assertThat(jedis.get("big")).isEqualTo(big);

            Pipeline p = jedis.pipelined();
            Response<Long> last = null;
            for (int i = 0; i < 10_000; i++) {
                last = p.incr("counter");
            }
            p.sync();
            assertThat(last.get()).isEqualTo(10_000L);

            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> jedis.blpop(10, "queue"));
            while (!other.clientList().contains("cmd=blpop")) {
                Thread.sleep(10);
            }
            other.rpush("queue", "job");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("queue", "job");

            Matcher fd = Pattern.compile(" fd=(-?\\d+) ").matcher(other.clientList());
            assertThat(fd.find()).isTrue();
            if (transport != Transport.NIO) {
                assertThat(Integer.parseInt(fd.group(1))).as("CLIENT LIST fd").isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routes_a_sharded_database_on_each_transport(Transport transport) throws Exception {
        assumeTrue(transport.available(), transport.configName() + " is not available on this machine");
        try (ShardedDatabase db = TestDatabases.startSharded(2, "io-transport", transport.configName());
             Jedis jedis = new Jedis("127.0.0.1", db.port())) {
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 2_000; i++) {
                p.set("key:" + i, Integer.toString(i));
            }
            p.sync();
            assertThat(jedis.dbSize()).isEqualTo(2_000L);
            assertThat(jedis.mget("key:1", "key:2", "key:1999")).containsExactly("1", "2", "1999");
        }
    }

    @Test
    void an_unknown_or_unavailable_transport_is_refused_at_start() {
        assertThatThrownBy(() -> ServerConfig.fromPairs("io-transport", "kqueue"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto, io_uring, epoll, nio");
        for (Transport t : Transport.values()) {
            if (!t.available()) {
                assertThatThrownBy(() -> ServerConfig.fromPairs("io-transport", t.configName()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("is not available here");
            }
        }
        assertThat(Transport.resolve("AUTO").available()).isTrue();
    }

    @Test
    void io_transport_is_fixed_while_running() throws Exception {
        try (RedoubtServer server = TestDatabases.start(); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            assertThat(jedis.configGet("io-transport")).containsEntry("io-transport", "auto");
            assertThatThrownBy(() -> jedis.configSet("io-transport", "nio"))
                    .hasMessageContaining("can't set immutable config");
        }
    }
}
