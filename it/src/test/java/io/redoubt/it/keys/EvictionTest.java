package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.node.RedoubtServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.exceptions.JedisDataException;
import io.redoubt.testkit.TestDatabases;

/**
 * maxmemory with every policy, through a real server and Jedis. Eviction samples keys at random, as
 * Redis does, so the LRU/LFU/TTL assertions compare proportions rather than exact key sets.
 */
class EvictionTest {
    private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    private static final String VALUE = "x".repeat(1000);
    private static final long MAXMEMORY = 1024 * 1024;

    private static RedoubtServer start(String policy) throws Exception {
        return TestDatabases.start("maxmemory-policy", policy);
    }

    /**
     * maxmemory counts the server's own memory too (used_memory, as in Redis): the limit is set to
     * {@link #MAXMEMORY} for the data plus what the server and its one client use, so the figures below
     * are about the data set.
     */
    private static void limitDataTo(RedoubtServer server, Jedis jedis) throws Exception {
        jedis.ping();
        long overhead = server.endpoint().onShardThread(() -> server.shard().overheadBytes());
        jedis.configSet("maxmemory", Long.toString(MAXMEMORY + overhead));
    }

    private static long usedMemory(RedoubtServer server) throws Exception {
        return server.endpoint().onShardThread(() -> server.shard().usedMemory());
    }

    private static long evicted(RedoubtServer server) throws Exception {
        return server.endpoint().onShardThread(() -> server.shard().stats().evictedKeys);
    }

    @Test
    void noevictionRefusesWritesButServesReadsAndDeletes() throws Exception {
        try (RedoubtServer server = start("noeviction"); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            limitDataTo(server, jedis);
            int written = 0;
            JedisDataException refused = null;
            while (refused == null && written < 10_000) {
                try {
                    jedis.set("k:" + written, VALUE);
                    written++;
                } catch (JedisDataException e) {
                    refused = e;
                }
            }
            assertThat(refused).isNotNull().hasMessage(OOM);
            // Roughly a thousand 1 KB values fit in 1 MB: the estimate must be in that range.
            assertThat(written).isBetween(700, 1000);
            assertThat(jedis.dbSize()).isEqualTo(written);
            assertThat(jedis.get("k:0")).isEqualTo(VALUE);
            assertThatThrownBy(() -> jedis.set("again", "v")).hasMessage(OOM);
            assertThat(jedis.del("k:0", "k:1", "k:2")).isEqualTo(3);
            assertThat(jedis.set("again", "v")).isEqualTo("OK");
            assertThat(evicted(server)).isZero();
        }
    }

    @Test
    void allkeysRandomKeepsMemoryUnderTheLimit() throws Exception {
        try (RedoubtServer server = start("allkeys-random"); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            limitDataTo(server, jedis);
            for (int i = 0; i < 3000; i++) {
                jedis.set("k:" + i, VALUE);
            }
            assertThat(jedis.dbSize()).isBetween(700L, 1000L);
            assertThat(usedMemory(server)).isLessThanOrEqualTo(MAXMEMORY + 2 * 1100);
            assertThat(evicted(server)).isEqualTo(3000 - jedis.dbSize());
            // Random eviction spreads over the whole key range: early keys are not all gone.
            long earlySurvivors = countExisting(jedis, "k:", 0, 1000);
            assertThat(earlySurvivors).isPositive();
        }
    }

    @Test
    void allkeysLruPrefersRecentlyUsedKeys() throws Exception {
        assertHotKeysSurvive("allkeys-lru", 1);
    }

    @Test
    void allkeysLfuPrefersFrequentlyUsedKeys() throws Exception {
        assertHotKeysSurvive("allkeys-lfu", 10);
    }

    /** 100 hot keys read {@code reads} times after 600 cold ones were written; 600 more keys force evictions. */
    private static void assertHotKeysSurvive(String policy, int reads) throws Exception {
        try (RedoubtServer server = start(policy); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            limitDataTo(server, jedis);
            for (int i = 0; i < 100; i++) {
                jedis.set("hot:" + i, VALUE);
            }
            for (int i = 0; i < 600; i++) {
                jedis.set("cold:" + i, VALUE);
            }
            Thread.sleep(5); // let the millisecond LRU clock move past the cold writes
            for (int r = 0; r < reads; r++) {
                for (int i = 0; i < 100; i++) {
                    jedis.get("hot:" + i);
                }
            }
            for (int i = 0; i < 600; i++) {
                jedis.set("new:" + i, VALUE);
            }
            assertThat(evicted(server)).isGreaterThan(200);
            double hot = countExisting(jedis, "hot:", 0, 100) / 100.0;
            double cold = countExisting(jedis, "cold:", 0, 600) / 600.0;
            assertThat(hot).as("hot survival vs cold survival %s", cold).isGreaterThan(cold + 0.2);
        }
    }

    @Test
    void volatileLruEvictsOnlyKeysWithExpiry() throws Exception {
        assertOnlyVolatileKeysEvicted("volatile-lru");
    }

    @Test
    void volatileLfuEvictsOnlyKeysWithExpiry() throws Exception {
        assertOnlyVolatileKeysEvicted("volatile-lfu");
    }

    @Test
    void volatileRandomEvictsOnlyKeysWithExpiry() throws Exception {
        assertOnlyVolatileKeysEvicted("volatile-random");
    }

    @Test
    void volatileTtlEvictsOnlyKeysWithExpiry() throws Exception {
        assertOnlyVolatileKeysEvicted("volatile-ttl");
    }

    private static void assertOnlyVolatileKeysEvicted(String policy) throws Exception {
        try (RedoubtServer server = start(policy); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            limitDataTo(server, jedis);
            for (int i = 0; i < 300; i++) {
                jedis.set("perm:" + i, VALUE);
            }
            for (int i = 0; i < 1000; i++) {
                jedis.set("vol:" + i, VALUE, SetParams.setParams().ex(3600));
            }
            assertThat(evicted(server)).isPositive();
            assertThat(countExisting(jedis, "perm:", 0, 300)).isEqualTo(300);
            assertThat(countExisting(jedis, "vol:", 0, 1000)).isLessThan(1000);
            // Once no key with an expiry is left, writes are refused rather than evicting others.
            JedisDataException refused = null;
            for (int i = 300; i < 2000 && refused == null; i++) {
                try {
                    jedis.set("perm:" + i, VALUE);
                } catch (JedisDataException e) {
                    refused = e;
                }
            }
            assertThat(refused).isNotNull().hasMessage(OOM);
            assertThat(countExisting(jedis, "vol:", 0, 1000)).isZero();
            assertThat(countExisting(jedis, "perm:", 0, 300)).isEqualTo(300);
        }
    }

    @Test
    void volatileTtlEvictsTheNearestExpiryFirst() throws Exception {
        try (RedoubtServer server = start("volatile-ttl"); Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            limitDataTo(server, jedis);
            for (int i = 0; i < 800; i++) {
                jedis.set("vol:" + i, VALUE, SetParams.setParams().ex(1000 + i)); // a higher index lives longer
            }
            for (int i = 0; i < 400; i++) {
                jedis.set("perm:" + i, VALUE);
            }
            List<Integer> gone = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < 800; i++) {
                (jedis.exists("vol:" + i) ? kept : gone).add(i);
            }
            assertThat(gone).hasSizeGreaterThan(100);
            double goneMean = gone.stream().mapToInt(Integer::intValue).average().orElseThrow();
            double keptMean = kept.stream().mapToInt(Integer::intValue).average().orElseThrow();
            assertThat(goneMean).as("mean index evicted vs kept %s", keptMean).isLessThan(keptMean - 150);
        }
    }

    private static long countExisting(Jedis jedis, String prefix, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (jedis.exists(prefix + i)) {
                n++;
            }
        }
        return n;
    }
}
