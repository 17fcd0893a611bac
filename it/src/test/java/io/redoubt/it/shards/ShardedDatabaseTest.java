package io.redoubt.it.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ShardedDatabase;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import io.redoubt.testkit.TestDatabases;

/**
 * One database over three shards, driven by real clients through the router: keys land on the shard
 * their hash slot names, and everything a client can do on one shard, or split over several, behaves
 * as on one Redis. The command code is the same as in a one-shard database.
 */
class ShardedDatabaseTest {
    private static ShardedDatabase db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.startSharded(3, "notify-keyspace-events", "");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        try (Jedis j = client()) {
            j.flushAll();
        }
    }

    private static Jedis client() {
        return new Jedis("127.0.0.1", db.port(), 10_000);
    }

    /** Read in-process: a shard's port admits only its router's links (ShardedAuthenticationTest). */
    private static long keysOnShard(int n) {
        return db.shards().get(n).shard().db(0).size();
    }

    @Test
    void keysSpreadOverTheShardsByHashSlot() {
        try (Jedis j = client()) {
            for (int i = 0; i < 300; i++) {
                j.set("key:" + i, "v" + i);
            }
            assertThat(j.dbSize()).isEqualTo(300);
            assertThat(j.keys("*")).hasSize(300);
            for (int i = 0; i < 300; i++) {
                assertThat(j.get("key:" + i)).isEqualTo("v" + i);
            }
        }
        long total = 0;
        for (int n = 0; n < 3; n++) {
            assertThat(keysOnShard(n)).as("keys on shard %d", n).isBetween(50L, 150L);
            total += keysOnShard(n);
        }
        assertThat(total).isEqualTo(300);
    }

    @Test
    void hashtagsKeepKeysTogetherAndCrossSlotCommandsAreRefused() {
        try (Jedis j = client()) {
            j.set("{user:1}:name", "ann");
            j.set("{user:1}:mail", "ann@example.org");
            assertThat(j.rename("{user:1}:name", "{user:1}:first")).isEqualTo("OK");
            assertThat(j.get("{user:1}:first")).isEqualTo("ann");
            // "a" and "b" hash to different shards of three
            j.set("a", "1");
            assertThatThrownBy(() -> j.rename("a", "b")).isInstanceOf(JedisDataException.class)
                    .hasMessage("CROSSSLOT Keys in request don't hash to the same slot");
            assertThat(j.get("a")).isEqualTo("1");
            j.sadd("{s}1", "x", "y");
            j.sadd("{s}2", "y", "z");
            assertThat(j.sinter("{s}1", "{s}2")).containsExactly("y");
        }
        long shardsWithKeys = 0;
        for (int n = 0; n < 3; n++) {
            shardsWithKeys += keysOnShard(n) > 0 ? 1 : 0;
        }
        assertThat(shardsWithKeys).isGreaterThan(1);
    }

    @Test
    void multiKeyCommandsAreSplitAndMergedInOrder() {
        try (Jedis j = client()) {
            List<String> keysAndValues = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                keys.add("k" + i);
                keysAndValues.add("k" + i);
                keysAndValues.add("value-" + i);
            }
            assertThat(j.mset(keysAndValues.toArray(new String[0]))).isEqualTo("OK");
            List<String> asked = new ArrayList<>(keys);
            asked.add(5, "missing");
            List<String> values = j.mget(asked.toArray(new String[0]));
            assertThat(values).hasSize(21);
            assertThat(values.get(0)).isEqualTo("value-0");
            assertThat(values.get(5)).isNull();
            assertThat(values.get(20)).isEqualTo("value-19");
            assertThat(j.exists(keys.toArray(new String[0]))).isEqualTo(20);
            assertThat(j.touch("k1", "k2", "nope")).isEqualTo(2);
            assertThat(j.del("k0", "k1", "k2", "nope")).isEqualTo(3);
            assertThat(j.unlink("k3", "k4")).isEqualTo(2);
            assertThat(j.dbSize()).isEqualTo(15);
            assertThatThrownBy(() -> j.msetnx("x1", "1", "x2", "2", "x3", "3"))
                    .hasMessage("CROSSSLOT Keys in request don't hash to the same slot");
        }
    }

    @Test
    void scanVisitsEveryKeyOfEveryShardOnce() {
        Set<String> expected = new HashSet<>();
        try (Jedis j = client()) {
            for (int i = 0; i < 500; i++) {
                j.set("scan:" + i, "x");
                expected.add("scan:" + i);
            }
            Set<String> seen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            int calls = 0;
            do {
                ScanResult<String> page = j.scan(cursor, new ScanParams().count(50));
                seen.addAll(page.getResult());
                cursor = page.getCursor();
                calls++;
            } while (!cursor.equals("0") && calls < 10_000);
            assertThat(seen).isEqualTo(expected);
            assertThat(calls).isGreaterThan(3); // every shard had its turn
        }
    }

    @Test
    void transactionsRunOnOneShardAndRefuseKeysOfAnother() {
        try (Jedis j = client()) {
            Transaction tx = j.multi();
            tx.set("{t}a", "1");
            tx.incr("{t}a");
            tx.get("{t}a");
            assertThat(tx.exec()).containsExactly("OK", 2L, "2");

            j.set("a", "0");
            Transaction bad = j.multi();
            bad.set("a", "1");
            Response<String> other = bad.set("b", "1");
            assertThatThrownBy(bad::exec).hasMessageContaining("EXECABORT");
            assertThat(j.get("a")).isEqualTo("0");
            assertThat(j.exists("b")).isFalse();
        }
    }

    @Test
    void watchAbortsWhenAnotherClientWritesTheKey() {
        try (Jedis j = client(); Jedis other = client()) {
            j.set("w", "1");
            j.watch("w");
            other.set("w", "2");
            Transaction tx = j.multi();
            tx.set("w", "3");
            assertThat(tx.exec()).isNull();
            assertThat(j.get("w")).isEqualTo("2");
        }
    }

    @Test
    void selectAppliesOnEveryShard() {
        try (Jedis j = client()) {
            j.select(2);
            for (int i = 0; i < 30; i++) {
                j.set("db2:" + i, "x");
            }
            assertThat(j.dbSize()).isEqualTo(30);
            j.select(0);
            assertThat(j.dbSize()).isZero();
        }
    }

    @Test
    void blockingPopIsWokenByAPushFromAnotherClient() throws Exception {
        try (Jedis waiter = client(); Jedis pusher = client()) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.blpop(5, "queue"));
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                try (Jedis j = client()) {
                    return j.clientList().contains("cmd=blpop") || blockedOnAnyShard();
                }
            });
            pusher.rpush("queue", "job");
            assertThat(popped.get(5, TimeUnit.SECONDS)).containsExactly("queue", "job");
        }
    }

    private static boolean blockedOnAnyShard() {
        for (RedoubtServer shard : db.shards()) {
            if (shard.context().clients().all().stream().anyMatch(s -> s.lastCommand().equals("blpop"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pipelinedCommandsOverEveryShardAnswerInOrder() {
        try (Jedis j = client()) {
            Pipeline p = j.pipelined();
            List<Response<Long>> incrs = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                incrs.add(p.incr("counter:" + (i % 37)));
            }
            p.sync();
            for (int i = 0; i < 10_000; i++) {
                assertThat(incrs.get(i).get()).isEqualTo(i / 37 + 1);
            }
        }
    }

    @Test
    void subscribersGetMessagesAndKeyspaceEventsFromEveryShard() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                received.add(channel + "=" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                received.add(channel + "=" + message);
            }
        };
        try (Jedis admin = client(); Jedis sub = client()) {
            admin.configSet("notify-keyspace-events", "K$");
            CompletableFuture<Void> loop = CompletableFuture.runAsync(
                    () -> sub.psubscribe(listener, "news", "__keyspace@0__:*"));
            await().atMost(Duration.ofSeconds(5)).until(() -> admin.pubsubNumPat() == 2);
            admin.publish("news", "hello");
            for (int i = 0; i < 6; i++) {
                admin.set("ev" + i, "x"); // six keys: more than one shard
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 7);
            assertThat(received).contains("news=hello", "__keyspace@0__:ev0=set", "__keyspace@0__:ev5=set");
            listener.punsubscribe();
            loop.get(5, TimeUnit.SECONDS);
            admin.configSet("notify-keyspace-events", "");
        }
    }

    @Test
    void lettuceOverResp3WithPubSubPushes() throws Exception {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(
                io.lettuce.core.RedisURI.create("redis://127.0.0.1:" + db.port()));
        try (var c = client.connect(); var pubsub = client.connectPubSub()) {
            var sync = c.sync();
            for (int i = 0; i < 50; i++) {
                assertThat(sync.set("lt:" + i, "v" + i)).isEqualTo("OK");
            }
            assertThat(sync.mget("lt:0", "lt:49").stream().map(kv -> kv.getValue()).toList())
                    .containsExactly("v0", "v49");
            assertThat(sync.dbsize()).isEqualTo(50);
            assertThat(sync.clientSetname("lettuce-routed")).isEqualTo("OK");
            assertThat(sync.clientGetname()).isEqualTo("lettuce-routed");
            List<String> messages = new CopyOnWriteArrayList<>();
            pubsub.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.add(channel + "=" + message);
                }
            });
            pubsub.sync().subscribe("chat");
            assertThat(pubsub.sync().ping()).isEqualTo("PONG"); // RESP3: commands still work while subscribed
            assertThat(sync.publish("chat", "hi")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> messages.contains("chat=hi"));
            assertThat(pubsub.sync().get("lt:7")).isEqualTo("v7");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void redisCliScansAndCountsTheWholeDatabase() throws Exception {
        try (Jedis j = client()) {
            for (int i = 0; i < 100; i++) {
                j.set("cli:" + i, "x");
            }
        }
        assertThat(redisCli("dbsize").strip()).isEqualTo("100");
        Set<String> scanned = new HashSet<>(List.of(redisCli("--scan", "--pattern", "cli:*").strip().split("\n")));
        assertThat(scanned).hasSize(100).contains("cli:0", "cli:99");
    }

    private static String redisCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(db.port())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void repliesMatchRedisForSingleShardWork() {
        String script = """
                SET s hello
                APPEND s " world"
                GETRANGE s 0 4
                INCRBYFLOAT f 1.5
                HSET h a 1 b 2
                HGETALL h
                LPUSH l a b c
                LRANGE l 0 -1
                ZADD z 1 one 2 two
                ZRANGE z 0 -1 WITHSCORES
                SADD {g}x 1 2 3
                SADD {g}y 2 3 4
                SDIFFSTORE {g}d {g}x {g}y
                SMEMBERS {g}d
                TYPE h
                OBJECT ENCODING l
                EXPIRE s 100
                TTL s
                GET nosuch
                INCR s
                LPOP h
                FOO bar
                GET
                DBSIZE
                EXISTS s h l z nosuch
                """;
        try (RespClient redis = RespClient.connect(SharedServers.redis().port());
             RespClient routed = RespClient.connect(db.port())) {
            redis.call("FLUSHALL");
            for (String line : script.strip().split("\n")) {
                String[] args = parse(line.strip());
                assertThat(routed.callText(args)).as(line).isEqualTo(redis.callText(args));
            }
        }
    }

    private static String[] parse(String line) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!cur.isEmpty()) {
                    args.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            args.add(cur.toString());
        }
        return args.toArray(new String[0]);
    }
}
