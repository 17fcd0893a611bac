package io.redoubt.it.scripting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Real clients' scripting APIs against Redoubt: Jedis (RESP2) and Lettuce (RESP3 after HELLO 3), and
 * two recipes as libraries write them: a lock released by its owner only (the compare-and-delete
 * script of Redis's distributed-lock pattern, with a reentrant hash lock in Redisson's shape) and a
 * fixed-window rate limiter, exercised by concurrent clients.
 */
@Timeout(60)
class ScriptingClientsTest {
    private static RedisClient lettuce;
    private static StatefulRedisConnection<String, String> connection;

    /** Releases the lock only for the token that holds it (the Redlock pattern's script). */
    static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
                return redis.call('del', KEYS[1])
            else
                return 0
            end""";

    /** Reentrant lock: a hash of owner -> hold count with a lease, in the shape Redisson uses. */
    static final String REENTRANT_ACQUIRE = """
            if redis.call('exists', KEYS[1]) == 0 or redis.call('hexists', KEYS[1], ARGV[2]) == 1 then
                redis.call('hincrby', KEYS[1], ARGV[2], 1)
                redis.call('pexpire', KEYS[1], ARGV[1])
                return nil
            end
            return redis.call('pttl', KEYS[1])""";

    static final String REENTRANT_RELEASE = """
            if redis.call('hexists', KEYS[1], ARGV[1]) == 0 then
                return nil
            end
            local left = redis.call('hincrby', KEYS[1], ARGV[1], -1)
            if left > 0 then
                return 0
            end
            redis.call('del', KEYS[1])
            return 1""";

    /** Fixed window limiter: INCR, set the window's expiry on the first hit, refuse past the limit. */
    static final String RATE_LIMIT = """
            local n = redis.call('incr', KEYS[1])
            if n == 1 then
                redis.call('pexpire', KEYS[1], ARGV[2])
            end
            if n > tonumber(ARGV[1]) then
                return {0, n, redis.call('pttl', KEYS[1])}
            end
            return {1, n, redis.call('pttl', KEYS[1])}""";

    @BeforeAll
    static void connect() {
        lettuce = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + SharedServers.redoubt().port()));
        connection = lettuce.connect();
    }

    @AfterAll
    static void close() {
        connection.close();
        lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static Jedis jedis() {
        return jedis(5000);
    }

    private static Jedis jedis(int timeoutMillis) {
        return new Jedis("127.0.0.1", SharedServers.redoubt().port(), timeoutMillis);
    }

    @Test
    void jedisScriptingApi() {
        try (Jedis j = jedis()) {
            j.del("jedis:k");
            assertThat(j.eval("return redis.call('set', KEYS[1], ARGV[1])", List.of("jedis:k"), List.of("v")))
                    .isEqualTo("OK");
            assertThat(j.eval("return {KEYS[1], ARGV[1], 7, false, {ok='fine'}}", List.of("a"), List.of("b")))
                    .isEqualTo(java.util.Arrays.asList("a", "b", 7L, null, "fine"));
            String sha = j.scriptLoad("return redis.call('get', KEYS[1])");
            assertThat(sha).hasSize(40);
            assertThat(j.evalsha(sha, List.of("jedis:k"), List.of())).isEqualTo("v");
            assertThat(j.evalshaReadonly(sha, List.of("jedis:k"), List.of())).isEqualTo("v");
            assertThat(j.scriptExists(sha, "0000000000000000000000000000000000000000")).containsExactly(true, false);
            assertThatThrownBy(() -> j.eval("return redis.call('incr', KEYS[1])", List.of("jedis:k"), List.of()))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("ERR value is not an integer or out of range script:");
            assertThatThrownBy(() -> j.evalsha("ffffffffffffffffffffffffffffffffffffffff", 0))
                    .isInstanceOf(JedisNoScriptException.class);
        }
    }

    @Test
    void jedisFunctionApi() {
        try (Jedis j = jedis()) {
            j.del("jedis:fk");
            assertThat(j.functionLoad("#!lua name=jedislib\n"
                    + "redis.register_function('jset', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n"
                    + "redis.register_function{function_name='jget', callback=function(keys) "
                    + "return redis.call('get', keys[1]) end, flags={'no-writes'}}")).isEqualTo("jedislib");
            assertThat(j.fcall("jset", List.of("jedis:fk"), List.of("fv"))).isEqualTo("OK");
            assertThat(j.fcallReadonly("jget", List.of("jedis:fk"), List.of())).isEqualTo("fv");
            assertThat(j.functionList("jedis*")).singleElement()
                    .satisfies(lib -> assertThat(lib.getLibraryName()).isEqualTo("jedislib"));
            byte[] dump = j.functionDump();
            assertThat(j.functionDelete("jedislib")).isEqualTo("OK");
            assertThatThrownBy(() -> j.fcall("jget", List.of("jedis:fk"), List.of()))
                    .isInstanceOf(JedisDataException.class).hasMessage("ERR Function not found");
            assertThat(j.functionRestore(dump)).isEqualTo("OK");
            assertThat(j.fcall("jget", List.of("jedis:fk"), List.of())).isEqualTo("fv");
            assertThat(j.functionDelete("jedislib")).isEqualTo("OK");
        }
    }

    @Test
    void lettuceFunctionApiOverResp3() {
        RedisCommands<String, String> c = connection.sync();
        c.del("lettuce:fk");
        assertThat(c.functionLoad("#!lua name=lettucelib\n"
                + "redis.register_function('lincr', function(keys, args) return redis.call('incrby', keys[1], args[1]) end)\n"
                + "redis.register_function{function_name='lget', callback=function(keys) "
                + "return redis.call('get', keys[1]) end, flags={'no-writes'}}")).isEqualTo("lettucelib");
        assertThat(c.<Long>fcall("lincr", ScriptOutputType.INTEGER, new String[] {"lettuce:fk"}, "5")).isEqualTo(5L);
        assertThat(c.<String>fcallReadOnly("lget", ScriptOutputType.VALUE, "lettuce:fk")).isEqualTo("5");
        assertThat(c.functionList("lettuce*")).singleElement()
                .satisfies(lib -> assertThat(lib.get("library_name")).isEqualTo("lettucelib"));
        byte[] dump = c.functionDump();
        assertThat(c.functionFlush(io.lettuce.core.FlushMode.SYNC)).isEqualTo("OK");
        assertThat(c.functionRestore(dump)).isEqualTo("OK");
        assertThat(c.<String>fcallReadOnly("lget", ScriptOutputType.VALUE, "lettuce:fk")).isEqualTo("5");
        assertThat(c.functionRestore(dump, io.lettuce.core.FunctionRestoreMode.REPLACE)).isEqualTo("OK");
        assertThat(c.functionFlush(io.lettuce.core.FlushMode.SYNC)).isEqualTo("OK");
    }

    @Test
    void lettuceScriptingApiOverResp3() {
        RedisCommands<String, String> c = connection.sync();
        c.del("lettuce:k", "lettuce:h");
        assertThat(c.<String>eval("return redis.call('set', KEYS[1], ARGV[1])", ScriptOutputType.STATUS,
                new String[] {"lettuce:k"}, "v")).isEqualTo("OK");
        String sha = c.scriptLoad("return redis.call('get', KEYS[1])");
        assertThat(c.<String>evalsha(sha, ScriptOutputType.VALUE, "lettuce:k")).isEqualTo("v");
        assertThat(c.<String>evalReadOnly("return redis.call('get', KEYS[1])".getBytes(StandardCharsets.UTF_8),
                ScriptOutputType.VALUE, new String[] {"lettuce:k"})).isEqualTo("v");
        assertThat(c.<Long>eval("return 41 + 1", ScriptOutputType.INTEGER)).isEqualTo(42L);
        assertThat(c.<Boolean>eval("return true", ScriptOutputType.BOOLEAN)).isTrue();
        c.hset("lettuce:h", Map.of("f", "v"));
        // a RESP3 map from a command, converted to Lua and back, reaches a RESP3 client as a map
        Object map = c.eval("redis.setresp(3) return redis.call('hgetall', KEYS[1])", ScriptOutputType.MULTI,
                "lettuce:h");
        assertThat(map.toString()).contains("f").contains("v");
        assertThat(c.scriptExists(sha)).containsExactly(true);
    }

    @Test
    void aLockIsReleasedByItsOwnerOnly() throws Exception {
        try (Jedis a = jedis(); Jedis b = jedis()) {
            a.del("lock:orders");
            assertThat(a.set("lock:orders", "token-a", new redis.clients.jedis.params.SetParams().nx().px(30_000)))
                    .isEqualTo("OK");
            assertThat(b.set("lock:orders", "token-b", new redis.clients.jedis.params.SetParams().nx().px(30_000)))
                    .isNull();
            assertThat(b.eval(RELEASE, List.of("lock:orders"), List.of("token-b"))).isEqualTo(0L);
            assertThat(a.get("lock:orders")).isEqualTo("token-a");
            assertThat(a.eval(RELEASE, List.of("lock:orders"), List.of("token-a"))).isEqualTo(1L);
            assertThat(a.exists("lock:orders")).isFalse();
        }
    }

    @Test
    void aReentrantLockCountsItsHoldsUnderConcurrentContenders() throws Exception {
        try (Jedis j = jedis()) {
            j.del("lock:reentrant", "lock:counter");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "owner-" + w;
                workers.add(pool.submit(() -> {
                    int done = 0;
                    try (Jedis j = jedis()) {
                        while (done < 25) {
                            if (j.eval(REENTRANT_ACQUIRE, List.of("lock:reentrant"), List.of("30000", owner)) != null) {
                                Thread.onSpinWait();
                                continue;
                            }
                            // reenter once, as a nested critical section would
                            assertThat(j.eval(REENTRANT_ACQUIRE, List.of("lock:reentrant"), List.of("30000", owner)))
                                    .isNull();
                            String before = j.get("lock:counter");
                            long n = before == null ? 0 : Long.parseLong(before);
                            j.set("lock:counter", Long.toString(n + 1)); // unsafe without the lock
                            assertThat(j.eval(REENTRANT_RELEASE, List.of("lock:reentrant"), List.of(owner))).isEqualTo(0L);
                            assertThat(j.eval(REENTRANT_RELEASE, List.of("lock:reentrant"), List.of(owner))).isEqualTo(1L);
                            done++;
                        }
                    }
                    return done;
                }));
            }
            for (Future<Integer> f : workers) {
                assertThat(f.get(50, TimeUnit.SECONDS)).isEqualTo(25);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Jedis j = jedis()) {
            assertThat(j.get("lock:counter")).isEqualTo("100");
            assertThat(j.exists("lock:reentrant")).isFalse();
        }
    }

    @Test
    void aScriptCannotTakeTheNodesMemory() {
        try (Jedis j = jedis(90_000)) { // about a GiB of allocation, on a machine that may be busy
            assertThatThrownBy(() -> j.eval("local s = 'x' for i = 1, 20 do s = s .. s end "
                    + "local t = {} while true do t[#t + 1] = s .. #t end", 0))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("ERR user_script:1: script exceeded the Lua memory limit of 1024 MB script: ");
            // the state is usable afterwards and its memory is given back
            assertThat(j.eval("collectgarbage('collect') return 'ok'", 0)).isEqualTo("ok");
            assertThat(j.eval("return collectgarbage('count') < 64 * 1024", 0)).isEqualTo(1L);
        }
    }

    @Test
    void aRateLimiterAdmitsTheLimitPerWindow() {
        try (Jedis j = jedis()) {
            j.del("rate:user:1");
            int admitted = 0;
            for (int i = 0; i < 15; i++) {
                List<?> r = (List<?>) j.eval(RATE_LIMIT, List.of("rate:user:1"), List.of("10", "60000"));
                assertThat((Long) r.get(1)).isEqualTo(i + 1L);
                assertThat((Long) r.get(2)).isBetween(1L, 60_000L);
                admitted += ((Long) r.get(0)).intValue();
            }
            assertThat(admitted).isEqualTo(10);
        }
    }
}
