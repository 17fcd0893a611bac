package io.redoubt.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.csc.DefaultCache;

/**
 * Client-side caching through the clients' own caching APIs: Lettuce's {@link ClientSideCaching}
 * and Jedis's cache ({@code redis.clients.jedis.csc}). A value is read through the cache, changed by
 * another client, and the cache drops it on the server's invalidation. Each test runs against Redoubt
 * and, as the reference that shows the expectation is Redis's, against redis-server 7.0.15.
 */
class ClientSideCachingClientsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static int port(String server) {
        return server.equals("redis") ? SharedServers.redis().port() : SharedServers.redoubt().port();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redoubt", "redis"})
    void lettuceCacheIsInvalidatedWhenAnotherClientWrites(String server) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port(server)));
        try (StatefulRedisConnection<String, String> other = client.connect()) {
            other.sync().set("csc:lettuce", "v1");
            Map<String, String> store = new ConcurrentHashMap<>();
            StatefulRedisConnection<String, String> tracked = client.connect(); // RESP3: Lettuce says HELLO 3
            CacheFrontend<String, String> cache = ClientSideCaching.enable(CacheAccessor.forMap(store), tracked,
                    TrackingArgs.Builder.enabled());
            try { // closing the cache closes its connection
                assertThat(cache.get("csc:lettuce")).isEqualTo("v1");
                assertThat(store).containsEntry("csc:lettuce", "v1");
                other.sync().set("csc:lettuce", "v2");
                await().atMost(WAIT).until(() -> !store.containsKey("csc:lettuce"));
                assertThat(cache.get("csc:lettuce")).isEqualTo("v2");
                assertThat(store).containsEntry("csc:lettuce", "v2");
            } finally {
                cache.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /**
     * Jedis 8.0.2 refuses client-side caching with a server older than Redis 7.4 unless its cache says
     * it runs in compatibility mode; Redoubt, like the Redis 7.0.15 it reproduces, reports 7.0.15.
     */
    static final class CompatibleCache extends DefaultCache {
        CompatibleCache() {
            super(100);
        }

        @Override
        public boolean compatibilityMode() {
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redoubt", "redis"})
    void jedisCacheIsInvalidatedWhenAnotherClientWritesAndFlushedByFlushall(String server) {
        CompatibleCache cache = new CompatibleCache();
        try (redis.clients.jedis.RedisClient cached = redis.clients.jedis.RedisClient.builder()
                .hostAndPort("127.0.0.1", port(server))
                .clientConfig(DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).timeoutMillis(10_000).build())
                .cache(cache).build();
             Jedis other = new Jedis("127.0.0.1", port(server), 10_000)) {
            other.set("csc:jedis", "v1");
            assertThat(cached.get("csc:jedis")).isEqualTo("v1");
            assertThat(cached.get("csc:jedis")).isEqualTo("v1");
            assertThat(cache.getStats().getHitCount()).isEqualTo(1);
            other.set("csc:jedis", "v2");
            // Jedis reads the invalidations waiting on its connection before each cached command
            await().atMost(WAIT).until(() -> "v2".equals(cached.get("csc:jedis")));
            assertThat(cache.getStats().getInvalidationCount()).isGreaterThanOrEqualTo(1);
            assertThat(cache.getSize()).isEqualTo(1);
            other.flushAll();
            await().atMost(WAIT).until(() -> cached.get("csc:jedis") == null);
            assertThat(cache.getStats().getFlushCount()).isGreaterThanOrEqualTo(1);
        }
    }
}
