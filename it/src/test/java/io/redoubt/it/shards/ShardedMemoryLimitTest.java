package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.node.ShardedDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;
import io.redoubt.testkit.TestDatabases;

/**
 * maxmemory is the database's limit, whatever its shard count: each of its shards holds an equal
 * share, so a database of two shards stops taking writes (noeviction) at its limit, not at twice it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardedMemoryLimitTest {
    private static final long LIMIT = 16L << 20;

    @Test
    void twoShardsStopAtTheDatabasesLimit() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(2, "maxmemory", "16mb");
             Jedis j = new Jedis("127.0.0.1", db.port(), 10_000)) {
            String value = "x".repeat(1024);
            boolean refused = false;
            for (int batch = 0; batch < 100 && !refused; batch++) { // 1,000 writes per round trip
                Pipeline p = j.pipelined();
                for (int i = 0; i < 1000; i++) {
                    p.set("key:" + batch + ":" + i, value);
                }
                for (Object reply : p.syncAndReturnAll()) {
                    if (reply instanceof JedisDataException e) {
                        assertThat(e.getMessage()).startsWith("OOM command not allowed when used memory > 'maxmemory'");
                        refused = true;
                    }
                }
            }
            assertThat(refused).isTrue();
            String memory = j.info("memory");
            long used = Long.parseLong(memory.replaceAll("(?s).*\r\nused_memory:(\\d+)\r\n.*", "$1"));
            assertThat(used).isLessThanOrEqualTo(LIMIT + (LIMIT / 20)).isGreaterThan(LIMIT / 2);
            assertThat(memory).contains("\r\nmaxmemory:" + LIMIT + "\r\n");
            assertThat(j.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(LIMIT));
        }
    }
}
