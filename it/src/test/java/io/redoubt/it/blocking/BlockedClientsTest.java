package io.redoubt.it.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.redoubt.testkit.RespClient;
import io.redoubt.testkit.SharedServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Several real clients against real Redis 7.0 and against Redoubt, with the same assertions for
 * both: who is served, in which order, from which key, and what stays behind. A test waits for its
 * waiters to be parked by polling INFO's blocked_clients, never by sleeping.
 */
class BlockedClientsTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("redis", SharedServers.redis().port()),
                Arguments.of("redoubt", SharedServers.redoubt().port()));
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private RespClient client(int port) {
        RespClient c = RespClient.connect(port);
        opened.add(c);
        return c;
    }

    private RespClient admin(int port) {
        RespClient c = client(port);
        c.call("FLUSHALL");
        return c;
    }

    private static void awaitBlocked(RespClient admin, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> blockedClients(admin) == n);
    }

    private static int blockedClients(RespClient admin) {
        Matcher m = Pattern.compile("blocked_clients:(\\d+)").matcher(admin.callText("INFO", "clients"));
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String pair(String key, String value) {
        return "*2\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length() + "\r\n" + value + "\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void waitersAreServedFirstComeFirstServedByOnePush(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        RespClient b = client(port);
        RespClient c = client(port);
        a.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        b.send("BRPOP", "k", "0");
        awaitBlocked(admin, 2);
        c.send("BLPOP", "k", "0");
        awaitBlocked(admin, 3);
        assertThat(admin.callText("RPUSH", "k", "x", "y")).isEqualTo(":2\r\n");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "x"));
        assertThat(b.readReplyText()).isEqualTo(pair("k", "y"));
        assertThat(blockedClients(admin)).isEqualTo(1);
        assertThat(admin.callText("EXISTS", "k")).isEqualTo(":0\r\n");
        admin.call("LPUSH", "k", "z");
        assertThat(c.readReplyText()).isEqualTo(pair("k", "z"));
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pushesInsideExecServeFromTheKeyThatBecameReadyFirst(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        RespClient m = client(port);
        a.send("BLPOP", "k1", "k2", "0");
        awaitBlocked(admin, 1);
        m.call("MULTI");
        m.call("RPUSH", "k2", "a");
        m.call("RPUSH", "k1", "b");
        assertThat(m.callText("EXEC")).isEqualTo("*2\r\n:1\r\n:1\r\n");
        assertThat(a.readReplyText()).isEqualTo(pair("k2", "a"));
        assertThat(admin.callText("LRANGE", "k1", "0", "-1")).isEqualTo("*1\r\n$1\r\nb\r\n");
        assertThat(admin.callText("EXISTS", "k2")).isEqualTo(":0\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void readyKeysAreServedInTheOrderTheyBecameReady(String name, int port) {
        RespClient admin = admin(port);
        RespClient first = client(port);
        RespClient second = client(port);
        RespClient m = client(port);
        first.send("BLPOP", "k2", "0");
        awaitBlocked(admin, 1);
        second.send("BLPOP", "k1", "k2", "0");
        awaitBlocked(admin, 2);
        m.call("MULTI");
        m.call("RPUSH", "k2", "x");
        m.call("RPUSH", "k1", "y");
        m.call("EXEC");
        // k2 is served first and its one element goes to the older waiter; the other gets k1's
        assertThat(first.readReplyText()).isEqualTo(pair("k2", "x"));
        assertThat(second.readReplyText()).isEqualTo(pair("k1", "y"));
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void countWaiterAndSingleWaiterShareOnePush(String name, int port) {
        RespClient admin = admin(port);
        RespClient many = client(port);
        RespClient one = client(port);
        many.send("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "2");
        awaitBlocked(admin, 1);
        one.send("BLPOP", "k", "0");
        awaitBlocked(admin, 2);
        admin.call("RPUSH", "k", "a", "b", "c", "d");
        assertThat(many.readReplyText()).isEqualTo("*2\r\n$1\r\nk\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(one.readReplyText()).isEqualTo(pair("k", "c"));
        assertThat(admin.callText("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n$1\r\nd\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void timedOutWaiterLeavesTheQueue(String name, int port) {
        RespClient admin = admin(port);
        RespClient brief = client(port);
        RespClient patient = client(port);
        brief.send("BLPOP", "k", "0.05");
        awaitBlocked(admin, 1);
        patient.send("BLPOP", "k", "0");
        assertThat(brief.readReplyText()).isEqualTo("*-1\r\n");
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "v");
        assertThat(patient.readReplyText()).isEqualTo(pair("k", "v"));
        assertThat(brief.callText("PING")).isEqualTo("+PONG\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void blmpopTakesCountFromTheReadyKey(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        RespClient m = client(port);
        a.send("BLMPOP", "0", "2", "k1", "k2", "RIGHT", "COUNT", "2");
        awaitBlocked(admin, 1);
        m.call("MULTI");
        m.call("RPUSH", "k2", "a", "b", "c");
        m.call("RPUSH", "k1", "d");
        m.call("EXEC");
        assertThat(a.readReplyText()).isEqualTo("*2\r\n$2\r\nk2\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
        assertThat(admin.callText("LRANGE", "k2", "0", "-1")).isEqualTo("*1\r\n$1\r\na\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pushAndPopInOneTransactionWakesNobody(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        RespClient m = client(port);
        a.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        m.call("MULTI");
        m.call("RPUSH", "k", "a");
        m.call("LPOP", "k");
        assertThat(m.callText("EXEC")).isEqualTo("*2\r\n:1\r\n$1\r\na\r\n");
        assertThat(blockedClients(admin)).isEqualTo(1);
        admin.call("RPUSH", "k", "later");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "later"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void blmoveWakesTheWaiterOnItsDestination(String name, int port) {
        RespClient admin = admin(port);
        RespClient mover = client(port);
        RespClient popper = client(port);
        mover.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        awaitBlocked(admin, 1);
        popper.send("BLPOP", "dst", "0");
        awaitBlocked(admin, 2);
        admin.call("RPUSH", "src", "x");
        assertThat(mover.readReplyText()).isEqualTo("$1\r\nx\r\n");
        assertThat(popper.readReplyText()).isEqualTo(pair("dst", "x"));
        assertThat(admin.callText("EXISTS", "src", "dst")).isEqualTo(":0\r\n");
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void brpoplpushChainsThroughSeveralLists(String name, int port) {
        RespClient admin = admin(port);
        RespClient first = client(port);
        RespClient second = client(port);
        RespClient last = client(port);
        first.send("BRPOPLPUSH", "a", "b", "0");
        awaitBlocked(admin, 1);
        second.send("BRPOPLPUSH", "b", "c", "0");
        awaitBlocked(admin, 2);
        last.send("BRPOP", "c", "0");
        awaitBlocked(admin, 3);
        admin.call("LPUSH", "a", "v");
        assertThat(first.readReplyText()).isEqualTo("$1\r\nv\r\n");
        assertThat(second.readReplyText()).isEqualTo("$1\r\nv\r\n");
        assertThat(last.readReplyText()).isEqualTo(pair("c", "v"));
        assertThat(admin.callText("EXISTS", "a", "b", "c")).isEqualTo(":0\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void blmoveOntoItselfRotates(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        a.send("BLMOVE", "k", "k", "LEFT", "RIGHT", "0");
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "only");
        assertThat(a.readReplyText()).isEqualTo("$4\r\nonly\r\n");
        assertThat(admin.callText("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n$4\r\nonly\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void blmoveToAWrongTypeDestinationFailsAndKeepsTheElement(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        a.send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        awaitBlocked(admin, 1);
        admin.call("SET", "dst", "string");
        admin.call("RPUSH", "src", "x");
        assertThat(a.readReplyText()).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(admin.callText("LRANGE", "src", "0", "-1")).isEqualTo("*1\r\n$1\r\nx\r\n");
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void waiterStaysBlockedWhileTheKeyHoldsAnotherType(String name, int port) {
        RespClient admin = admin(port);
        RespClient list = client(port);
        RespClient zset = client(port);
        list.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        zset.send("BZPOPMIN", "k", "0");
        awaitBlocked(admin, 2);
        admin.call("SET", "k", "string");
        assertThat(blockedClients(admin)).isEqualTo(2);
        admin.call("DEL", "k");
        admin.call("ZADD", "k", "1", "m");
        // the list waiter ahead stays; the sorted-set waiter behind it is served
        assertThat(zset.readReplyText()).isEqualTo("*3\r\n$1\r\nk\r\n$1\r\nm\r\n$1\r\n1\r\n");
        assertThat(blockedClients(admin)).isEqualTo(1);
        admin.call("RPUSH", "k", "v");
        assertThat(list.readReplyText()).isEqualTo(pair("k", "v"));
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void closedWaiterLeavesNoTrace(String name, int port) {
        RespClient admin = admin(port);
        RespClient gone = client(port);
        RespClient stays = client(port);
        gone.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        stays.send("BLPOP", "k", "0");
        awaitBlocked(admin, 2);
        gone.close();
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "a", "b");
        assertThat(stays.readReplyText()).isEqualTo(pair("k", "a"));
        assertThat(admin.callText("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n$1\r\nb\r\n");
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pipelinedCommandsRunAfterTheBlockingCommandIsAnswered(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        a.sendRaw(RespClient.encode(b("BLPOP"), b("k"), b("0")));
        a.sendRaw(RespClient.encode(b("PING")));
        a.sendRaw(RespClient.encode(b("LPOP"), b("k")));
        awaitBlocked(admin, 1);
        assertThat(admin.callText("RPUSH", "k", "1", "2")).isEqualTo(":2\r\n");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "1"));
        assertThat(a.readReplyText()).isEqualTo("+PONG\r\n");
        assertThat(a.readReplyText()).isEqualTo("$1\r\n2\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void pipelinedBlockingCommandsBlockInTurn(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        a.sendRaw(RespClient.encode(b("BLPOP"), b("k"), b("0")));
        a.sendRaw(RespClient.encode(b("BLPOP"), b("k"), b("0")));
        a.sendRaw(RespClient.encode(b("ECHO"), b("done")));
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "1");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "1"));
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "2");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "2"));
        assertThat(a.readReplyText()).isEqualTo("$4\r\ndone\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void servedClientRunsItsPipelineOnlyAfterThePushersRequests(String name, int port) {
        RespClient admin = admin(port);
        RespClient waiter = client(port);
        RespClient pusher = client(port);
        waiter.sendRaw(RespClient.encode(b("BLPOP"), b("k"), b("0")));
        waiter.sendRaw(RespClient.encode(b("LLEN"), b("k")));
        awaitBlocked(admin, 1);
        // one write: both requests are read and run together, before the served client resumes
        byte[] push = RespClient.encode(b("RPUSH"), b("k"), b("a"), b("b"));
        byte[] pop = RespClient.encode(b("LPOP"), b("k"));
        byte[] both = java.util.Arrays.copyOf(push, push.length + pop.length);
        System.arraycopy(pop, 0, both, push.length, pop.length);
        pusher.sendRaw(both);
        assertThat(pusher.readReplyText()).isEqualTo(":2\r\n");
        assertThat(pusher.readReplyText()).isEqualTo("$1\r\nb\r\n");
        assertThat(waiter.readReplyText()).isEqualTo(pair("k", "a"));
        assertThat(waiter.readReplyText()).isEqualTo(":0\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void keysArrivingByRenameOrStoreServeWaiters(String name, int port) {
        RespClient admin = admin(port);
        RespClient list = client(port);
        RespClient zset = client(port);
        list.send("BRPOP", "dst", "0");
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "src", "1", "2");
        admin.call("RENAME", "src", "dst");
        assertThat(list.readReplyText()).isEqualTo(pair("dst", "2"));
        zset.send("BZPOPMAX", "zdst", "0");
        awaitBlocked(admin, 1);
        admin.call("ZADD", "zsrc", "1", "a", "2", "b");
        admin.call("ZUNIONSTORE", "zdst", "1", "zsrc");
        assertThat(zset.readReplyText()).isEqualTo("*3\r\n$4\r\nzdst\r\n$1\r\nb\r\n$1\r\n2\r\n");
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void waiterIsServedOnlyFromItsOwnDatabase(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        a.call("SELECT", "1");
        a.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "db0");
        assertThat(blockedClients(admin)).isEqualTo(1);
        admin.call("SELECT", "1");
        admin.call("RPUSH", "k", "db1");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "db1"));
        admin.call("SELECT", "0");
        assertThat(admin.callText("LRANGE", "k", "0", "-1")).isEqualTo("*1\r\n$3\r\ndb0\r\n");
        admin.call("FLUSHALL");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void timeoutAnswersNullAndUnblocks(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        // a timed-out BLMOVE answers a null array, unlike LMOVE (and BLMOVE inside MULTI)
        a.send("BLMOVE", "src", "dst", "LEFT", "LEFT", "0.05");
        assertThat(a.readReplyText()).isEqualTo("*-1\r\n");
        a.send("BZMPOP", "0.05", "1", "z", "MIN");
        assertThat(a.readReplyText()).isEqualTo("*-1\r\n");
        a.call("HELLO", "3");
        a.send("BLPOP", "k", "0.05");
        assertThat(a.readReplyText()).isEqualTo("_\r\n");
        assertThat(blockedClients(admin)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void infoCountsBlockedClientsAndThoseWithATimeout(String name, int port) {
        RespClient admin = admin(port);
        RespClient forever = client(port);
        RespClient bounded = client(port);
        forever.send("BZPOPMIN", "z", "0");
        awaitBlocked(admin, 1);
        bounded.send("BLPOP", "k", "100");
        awaitBlocked(admin, 2);
        assertThat(admin.callText("INFO", "clients")).contains("clients_in_timeout_table:1\r\n");
        admin.call("RPUSH", "k", "v");
        assertThat(bounded.readReplyText()).isEqualTo(pair("k", "v"));
        awaitBlocked(admin, 1);
        assertThat(admin.callText("INFO", "clients")).contains("clients_in_timeout_table:0\r\n");
        admin.call("ZADD", "z", "3", "m");
        assertThat(forever.readReplyText()).isEqualTo("*3\r\n$1\r\nz\r\n$1\r\nm\r\n$1\r\n3\r\n");
        awaitBlocked(admin, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void servedWaiterCountsAsOneCall(String name, int port) {
        RespClient admin = admin(port);
        RespClient a = client(port);
        admin.call("CONFIG", "RESETSTAT");
        a.send("BLPOP", "k", "0");
        awaitBlocked(admin, 1);
        admin.call("RPUSH", "k", "v");
        assertThat(a.readReplyText()).isEqualTo(pair("k", "v"));
        a.send("BZPOPMIN", "z", "0");
        awaitBlocked(admin, 1);
        admin.call("SET", "z", "string");
        admin.call("DEL", "z");
        admin.call("ZADD", "z", "1", "m");
        a.readReplyText();
        String stats = admin.callText("INFO", "commandstats");
        assertThat(stats).contains("cmdstat_blpop:calls=1,").contains("cmdstat_bzpopmin:calls=1,");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void jedisWaiterIsServedByAnotherJedis(String name, int port) throws Exception {
        RespClient admin = admin(port);
        try (Jedis waiter = new Jedis("127.0.0.1", port); Jedis pusher = new Jedis("127.0.0.1", port)) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.brpop(0, "jobs"));
            awaitBlocked(admin, 1);
            pusher.lpush("jobs", "job-1", "job-2");
            assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("jobs", "job-1");
            assertThat(pusher.lrange("jobs", 0, -1)).containsExactly("job-2");
            assertThat(waiter.blpop(0.05, "none")).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void lettuceResp3SortedSetWaiter(String name, int port) throws Exception {
        RespClient admin = admin(port);
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).build());
        try (StatefulRedisConnection<String, String> waiter = client.connect();
             StatefulRedisConnection<String, String> writer = client.connect()) {
            RedisFuture<KeyValue<String, ScoredValue<String>>> min = waiter.async().bzpopmin(0, "z1", "z2");
            awaitBlocked(admin, 1);
            writer.sync().zadd("z2", 2.5, "b", 1.25, "a");
            KeyValue<String, ScoredValue<String>> got = min.get(10, TimeUnit.SECONDS);
            assertThat(got.getKey()).isEqualTo("z2");
            assertThat(got.getValue().getValue()).isEqualTo("a");
            assertThat(got.getValue().getScore()).isEqualTo(1.25);
            assertThat(writer.sync().zrange("z2", 0, -1)).containsExactly("b");
            assertThat(waiter.sync().bzpopmax(0.05, "none")).isNull();
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
