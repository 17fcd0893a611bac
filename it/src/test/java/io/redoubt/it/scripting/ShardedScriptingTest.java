package io.redoubt.it.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.shards.ShardKeys;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RespClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.redoubt.testkit.TestDatabases;

/**
 * Scripts on a database of three shards: a script runs on the shard of its declared keys, SCRIPT LOAD
 * and SCRIPT FLUSH reach every shard's cache (the router follows their all-nodes tips), so EVALSHA finds
 * a loaded script whichever shard its keys name; declared keys on different shards get CROSSSLOT, and a
 * key on another shard used without being declared is refused, as Redis Cluster answers both.
 */
class ShardedScriptingTest {
    private static final int SHARDS = 3;
    private static final String SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";
    private static ShardedDatabase db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.startSharded(SHARDS);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static String keyOnShard(int n) {
        return keyOnShard(n, "script:");
    }

    private static String keyOnShard(int n, String stem) {
        return ShardKeys.onShard(n, SHARDS, stem);
    }

    @Test
    void aLoadedLibraryRunsOnEveryShardAndDeleteAndFlushReachEveryShard() {
        try (RespClient c = RespClient.connect(db.port())) {
            assertThat(c.callText("FUNCTION", "LOAD", "#!lua name=sharded\nredis.register_function('setget', "
                    + "function(keys, args) redis.call('SET', keys[1], args[1]) return redis.call('GET', keys[1]) end)"))
                    .isEqualTo("$7\r\nsharded\r\n");
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = keyOnShard(shard, "fcall:");
                assertThat(c.callText("FCALL", "setget", "1", key, "v" + shard))
                        .as("shard %d", shard).isEqualTo("$2\r\nv" + shard + "\r\n");
            }
            assertThat(c.callText("FUNCTION", "LOAD", "#!lua name=sharded\nredis.register_function('x', "
                    + "function() return 1 end)")).isEqualTo("-ERR Library 'sharded' already exists\r\n");
            assertThat(c.callText("FUNCTION", "DELETE", "sharded")).isEqualTo("+OK\r\n");
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(c.callText("FCALL", "setget", "1", keyOnShard(shard, "fcall:"), "x"))
                        .isEqualTo("-ERR Function not found\r\n");
            }
            c.call("FUNCTION", "LOAD", "#!lua name=again\nredis.register_function('one', function() return 1 end)");
            assertThat(c.callText("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(c.callText("FCALL", "one", "1", keyOnShard(shard, "fcall:")))
                        .isEqualTo("-ERR Function not found\r\n");
            }
        }
    }

    @Test
    void aLoadedScriptRunsByShaOnEveryShardAndAFlushEmptiesEveryCache() {
        try (RespClient c = RespClient.connect(db.port())) {
            String loaded = c.callText("SCRIPT", "LOAD", SCRIPT);
            String sha = loaded.substring(loaded.indexOf("\r\n") + 2, loaded.length() - 2);
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = keyOnShard(shard);
                assertThat(c.callText("EVALSHA", sha, "1", key, "v" + shard))
                        .as("shard %d", shard).isEqualTo("$2\r\nv" + shard + "\r\n");
                assertThat(c.callText("GET", key)).isEqualTo("$2\r\nv" + shard + "\r\n");
            }
            assertThat(c.callText("SCRIPT", "FLUSH")).isEqualTo("+OK\r\n");
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(c.callText("EVALSHA", sha, "1", keyOnShard(shard), "x"))
                        .startsWith("-NOSCRIPT");
            }
        }
    }

    @Test
    void declaredKeysOnDifferentShardsGetCrossslot() {
        try (RespClient c = RespClient.connect(db.port())) {
            assertThat(c.callText("EVAL", "return 1", "2", keyOnShard(0), keyOnShard(1)))
                    .isEqualTo("-CROSSSLOT Keys in request don't hash to the same slot\r\n");
        }
    }

    @Test
    void aKeyTheScriptDidNotDeclareOnAnotherShardIsRefusedNotWrittenOnTheWrongShard() {
        try (RespClient c = RespClient.connect(db.port())) {
            String elsewhere = keyOnShard(1);
            String reply = c.callText("EVAL", "return redis.call('SET', ARGV[1], 'x')", "1", keyOnShard(0), elsewhere);
            assertThat(reply).startsWith("-ERR Script attempted to access a non local key in a cluster node");
            assertThat(c.callText("EXISTS", elsewhere)).isEqualTo(":0\r\n");
            String undeclared = keyOnShard(2, "undeclared:"); // on the same shard as the declared key: allowed
            assertThat(c.callText("EVAL", "return redis.call('SET', ARGV[1], 'local')", "1", keyOnShard(2), undeclared))
                    .isEqualTo("+OK\r\n");
            assertThat(c.callText("GET", undeclared)).isEqualTo("$5\r\nlocal\r\n");
        }
    }
}
