package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A database of several shards has one set of parameters: CONFIG SET runs once, on the first shard,
 * and reaches every shard before its reply (a command on another shard right after it sees the new
 * value); SAVE reaches every shard, each writing its own file in its folder under the database's
 * {@code dir}; the database has one audit, so its start is one event, not one per shard.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OneSetOfSettingsPerDatabaseTest {
    private static final int SHARDS = 3;

    @Test
    void aChangeReachesEveryShardBeforeTheReply() throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(SHARDS, "maxmemory-policy", "noeviction");
             Jedis j = new Jedis("127.0.0.1", db.port(), 10_000)) {
            for (int round = 0; round < 20; round++) {
                assertThat(j.configSet("maxmemory", "1")).isEqualTo("OK");
                for (int n = 0; n < SHARDS; n++) {
                    String key = ShardKeys.onShard(n, SHARDS, "k" + round + ":");
                    assertThatThrownBy(() -> j.set(key, "v")).as("shard %d, round %d", n, round)
                            .isInstanceOf(JedisDataException.class)
                            .hasMessageStartingWith("OOM command not allowed");
                }
                assertThat(j.configSet("maxmemory", "0")).isEqualTo("OK");
                for (int n = 0; n < SHARDS; n++) {
                    assertThat(j.set(ShardKeys.onShard(n, SHARDS, "k" + round + ":"), "v")).isEqualTo("OK");
                }
            }
            assertThat(j.configGet("maxmemory")).containsEntry("maxmemory", "0");
        }
    }

    @Test
    void everyShardSavesItsOwnFileUnderTheDatabasesDir(@TempDir Path dir) throws Exception {
        try (ShardedDatabase db = TestDatabases.startSharded(SHARDS, "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", db.port(), 10_000)) {
            for (int n = 0; n < SHARDS; n++) {
                j.set(ShardKeys.onShard(n, SHARDS, "file:"), "shard " + n);
            }
            assertThat(j.save()).isEqualTo("OK"); // SAVE reaches every shard: each has its own file
            for (int n = 0; n < SHARDS; n++) {
                assertThat(dir.resolve("shard-" + n).resolve("dump.rdb")).isRegularFile();
            }
            assertThat(dir.resolve("dump.rdb")).doesNotExist();
        }
        try (ShardedDatabase db = TestDatabases.startSharded(SHARDS, "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", db.port(), 10_000)) {
            for (int n = 0; n < SHARDS; n++) {
                assertThat(j.get(ShardKeys.onShard(n, SHARDS, "file:"))).isEqualTo("shard " + n);
            }
        }
    }

    @Test
    void theDatabaseHasOneAudit(@TempDir Path tmp) throws Exception {
        Path events = tmp.resolve("events.jsonl");
        try (ShardedDatabase db = TestDatabases.startSharded(SHARDS, "event-log-file", events.toString());
             Jedis j = new Jedis("127.0.0.1", db.port(), 10_000)) {
            assertThat(j.ping()).isEqualTo("PONG");
        }
        List<String> lines = Files.readAllLines(events);
        assertThat(lines.stream().filter(l -> l.contains("\"server.start\""))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("\"server.shutdown\""))).hasSize(1);
    }
}
