package io.redoubt.it.zsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OBJECT ENCODING of sorted sets at the zset-max-listpack-* thresholds. Redoubt's encoding is read
 * from its keyspace (this branch has no OBJECT command) and must equal what Redis reports.
 */
class ZSetEncodingDifferentialTest extends DifferentialTest {

    @BeforeEach
    void smallLimits() throws Exception {
        both("DEL", "z", "z2", "dst");
        setLimits("4", "8");
    }

    @AfterEach
    void defaultLimits() throws Exception {
        setLimits("128", "64");
    }

    private void setLimits(String entries, String value) throws Exception {
        redis.call("CONFIG", "SET", "zset-max-listpack-entries", entries, "zset-max-listpack-value", value);
        RedoubtServer server = SharedServers.redoubt();
        server.config().set("zset-max-listpack-entries", List.of(entries));
        server.config().set("zset-max-listpack-value", List.of(value));
        await().until(() -> server.shard().encodingLimits().zsetMaxListpackEntries() == Integer.parseInt(entries)
                && server.shard().encodingLimits().zsetMaxListpackValue() == Integer.parseInt(value));
    }

    /** Asserts both servers report the same encoding for {@code key} and returns it. */
    private String sameEncoding(String key) {
        String expected = redis.callText("OBJECT", "ENCODING", key);
        Entry e = SharedServers.redoubt().shard().db(0).peek(key.getBytes(StandardCharsets.UTF_8));
        String actual = e == null ? null : ((RedisValue) e.value()).encoding();
        String name = expected.startsWith("$") ? expected.split("\r\n")[1] : null;
        assertThat(actual).as("encoding of %s", key).isEqualTo(name);
        return name;
    }

    @Test
    void entriesThreshold() {
        same("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        assertThat(sameEncoding("z")).isEqualTo("listpack");
        same("ZADD", "z", "5", "e");
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        same("ZREM", "z", "a", "b", "c");
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        same("ZRANGE", "z", "0", "-1", "WITHSCORES");
    }

    @Test
    void valueThreshold() {
        same("ZADD", "z", "1", "12345678");
        assertThat(sameEncoding("z")).isEqualTo("listpack");
        same("ZADD", "z", "1", "123456789");
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        same("ZADD", "z2", "1", "123456789");
        assertThat(sameEncoding("z2")).isEqualTo("skiplist");
        same("ZINCRBY", "dst", "1", "123456789");
        assertThat(sameEncoding("dst")).isEqualTo("skiplist");
    }

    @Test
    void firstZaddWithRepeatedMembers() {
        same("ZADD", "z", "1", "a", "2", "a", "3", "a", "4", "a", "5", "a", "6", "a");
        sameEncoding("z");
        same("ZADD", "z2", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        sameEncoding("z2");
    }

    @Test
    void storedResultsMayGoBackToListpack() {
        same("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        same("ZRANGESTORE", "dst", "z", "0", "3");
        sameEncoding("dst");
        same("ZRANGESTORE", "dst", "z", "0", "4");
        sameEncoding("dst");
        same("ZRANGESTORE", "dst", "z", "1", "4", "BYSCORE");
        sameEncoding("dst");
        same("ZRANGESTORE", "dst", "z", "-inf", "+inf", "BYSCORE");
        sameEncoding("dst");
        same("ZUNIONSTORE", "dst", "1", "z");
        sameEncoding("dst");
        same("ZADD", "z2", "1", "a", "2", "b");
        same("ZINTERSTORE", "dst", "2", "z", "z2");
        sameEncoding("dst");
        same("ZDIFFSTORE", "dst", "1", "z");
        sameEncoding("dst");
        same("ZREMRANGEBYRANK", "z", "0", "3");
        same("ZDIFFSTORE", "dst", "1", "z");
        sameEncoding("dst");
        same("ZUNIONSTORE", "dst", "1", "z");
        sameEncoding("dst");
        same("ZADD", "z", "1", "0123456789");
        same("ZUNIONSTORE", "dst", "1", "z");
        sameEncoding("dst");
    }

    @Test
    void zeroEntriesMeansSkiplistAlways() throws Exception {
        setLimits("0", "64");
        same("ZADD", "z", "1", "a");
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        same("ZRANGESTORE", "dst", "z", "0", "-1");
        sameEncoding("dst");
        same("ZUNIONSTORE", "dst", "1", "z");
        sameEncoding("dst");
        same("ZSCAN", "z", "0");
        same("ZADD", "z", "-0", "mz");
        same("ZSCORE", "z", "mz");
    }

    @Test
    void skiplistRanksMatchRedis() throws Exception {
        setLimits("16", "64");
        String[] add = new String[2 + 2 * 500];
        add[0] = "ZADD";
        add[1] = "z";
        for (int i = 0; i < 500; i++) {
            add[2 + 2 * i] = Integer.toString((i * 7919) % 97);
            add[3 + 2 * i] = "m" + i;
        }
        same(add);
        assertThat(sameEncoding("z")).isEqualTo("skiplist");
        for (int i = 0; i < 500; i += 37) {
            same("ZRANK", "z", "m" + i);
            same("ZREVRANK", "z", "m" + i);
            same("ZINCRBY", "z", Integer.toString(i % 5 - 2), "m" + i);
        }
        sameScript("""
                ZRANGE z 100 120 WITHSCORES
                ZRANGE z 100 120 REV WITHSCORES
                ZRANGEBYSCORE z (10 20 LIMIT 5 10 WITHSCORES
                ZREVRANGEBYSCORE z 50 (40 LIMIT 3 7 WITHSCORES
                ZCOUNT z 10 (60
                ZREMRANGEBYSCORE z 90 100
                ZREMRANGEBYRANK z 10 50
                ZCARD z
                ZPOPMIN z 3
                ZPOPMAX z 3
                ZMPOP 1 z MIN COUNT 4
                ZRANGE z 0 10 WITHSCORES
                ZRANGE z -10 -1 WITHSCORES
                ZRANGESTORE dst z 0 -1
                ZRANGE dst 200 220 WITHSCORES
                ZUNION 2 z dst WITHSCORES AGGREGATE MAX
                """);
    }
}
