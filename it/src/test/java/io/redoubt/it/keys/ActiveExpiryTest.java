package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;
import io.redoubt.testkit.TestDatabases;

/** Keys with a short time to live disappear by themselves: the shard's cron deletes them untouched. */
class ActiveExpiryTest {

    @Test
    void expiredKeysVanishWithoutBeingAccessed() throws Exception {
        try (RedoubtServer server = TestDatabases.start();
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            for (int i = 0; i < 20; i++) {
                jedis.set("keep:" + i, "v");
            }
            for (int db : new int[] {0, 3}) {
                jedis.select(db);
                for (int i = 0; i < 1000; i++) {
                    jedis.set("short:" + i, "v", SetParams.setParams().px(50 + i % 200));
                }
            }
            jedis.select(0);

            // Only DBSIZE runs from here on: it never looks at individual keys.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jedis.dbSize() == 20);
            jedis.select(3);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> jedis.dbSize() == 0);
            // Every short key was created and then expired (not lazily: nothing read them).
            long expired = server.endpoint().onShardThread(() -> server.shard().stats().expiredKeys);
            assertThat(expired).isEqualTo(2000);
            jedis.select(0);
            assertThat(jedis.get("keep:7")).isEqualTo("v");
        }
    }
}
