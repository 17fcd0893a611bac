package io.redoubt.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.ValueType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SORT over collections put straight into the keyspace (the list, set, zset and hash families are
 * built in parallel). Every expected reply was taken from Redis 7.0.15 with the same data:
 * {@code RPUSH l 3 1 2 10; MSET w_1 30 w_2 20 w_3 10 w_10 5; HSET h_1 f a; HSET h_3 f c}.
 */
class SortCommandsTest {
    private ShardRunner r;

    @BeforeEach
    void data() {
        r = new ShardRunner();
        put("l", TestCollection.of(ValueType.LIST, "3", "1", "2", "10"));
        r.run("DEL", "x");
        for (String[] kv : new String[][] {{"w_1", "30"}, {"w_2", "20"}, {"w_3", "10"}, {"w_10", "5"}}) {
            r.db().put(bytes(kv[0]), bytes(kv[1]));
        }
        put("h_1", TestCollection.hash("f", "a"));
        put("h_3", TestCollection.hash("f", "c"));
    }

    private void put(String key, Object value) {
        r.db().put(bytes(key), value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void numericAlphaAndDirection() {
        assertThat(r.run("SORT", "l")).isEqualTo("1 2 3 10");
        assertThat(r.run("SORT", "l", "ALPHA")).isEqualTo("1 10 2 3");
        assertThat(r.run("SORT", "l", "DESC", "LIMIT", "1", "2")).isEqualTo("3 2");
        assertThat(r.run("SORT_RO", "l", "asc", "asc", "desc")).isEqualTo("10 3 2 1");
    }

    @Test
    void limitEdgeCases() {
        assertThat(r.run("SORT", "l", "LIMIT", "-5", "2")).isEqualTo("1 2");
        assertThat(r.run("SORT", "l", "LIMIT", "2", "-1")).isEqualTo("3 10");
        assertThat(r.run("SORT", "l", "LIMIT", "10", "1")).isEmpty();
        assertThat(r.run("SORT", "l", "LIMIT", "0", "x")).isEqualTo("-ERR value is not an integer or out of range");
        assertThat(r.run("SORT", "l", "LIMIT", "0")).isEqualTo("-ERR syntax error");
    }

    @Test
    void byAndGetPatterns() {
        assertThat(r.run("SORT", "l", "BY", "w_*", "GET", "#", "GET", "w_*")).isEqualTo("10 5 3 10 2 20 1 30");
        assertThat(r.run("SORT", "l", "BY", "w_*", "LIMIT", "1", "2")).isEqualTo("3 2");
        assertThat(r.run("SORT", "l", "GET", "h_*->f", "GET", "#")).isEqualTo("a 1 (nil) 2 c 3 (nil) 10");
        assertThat(r.run("SORT", "l", "BY", "h_*->f", "ALPHA")).isEqualTo("2 10 1 3");
        assertThat(r.run("SORT", "l", "BY", "h_*->f", "ALPHA", "DESC")).isEqualTo("3 1 2 10");
        assertThat(r.run("SORT", "l", "BY", "h_*->f")).isEqualTo("-ERR One or more scores can't be converted into double");
        assertThat(r.run("SORT", "l", "GET", "nostar")).isEqualTo("(nil) (nil) (nil) (nil)");
        assertThat(r.run("SORT", "l", "GET", "w_*->")).isEqualTo("(nil) (nil) (nil) (nil)");
        assertThat(r.run("SORT", "l", "BY", "w_*->x")).isEqualTo("1 10 2 3");
    }

    @Test
    void constantByKeepsNativeOrder() {
        assertThat(r.run("SORT", "l", "BY", "nosort")).isEqualTo("3 1 2 10");
        assertThat(r.run("SORT", "l", "BY", "nosort", "DESC")).isEqualTo("10 2 1 3");
        assertThat(r.run("SORT", "l", "BY", "nosort", "LIMIT", "1", "2")).isEqualTo("1 2");
        put("z", TestCollection.of(ValueType.ZSET, "low", "mid", "high"));
        assertThat(r.run("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2")).isEqualTo("high mid");
    }

    @Test
    void storeWritesAListAndDeletesOnEmptyResult() {
        assertThat(r.run("SORT", "l", "BY", "w_*", "LIMIT", "0", "2", "GET", "#", "GET", "w_*", "GET", "h_*->f",
                "STORE", "dst")).isEqualTo(":6");
        Entry dst = r.db().lookup(bytes("dst"));
        assertThat(dst.type()).isEqualTo(ValueType.LIST);
        assertThat(((io.redoubt.engine.lists.ListValue) dst.value()).sortElements()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("10", "5", "", "3", "10", "c");
        assertThat(r.run("SORT", "missing", "STORE", "dst")).isEqualTo(":0");
        assertThat(r.run("EXISTS", "dst")).isEqualTo(":0");
        assertThat(r.run("SORT_RO", "l", "STORE", "dst")).isEqualTo("-ERR syntax error");
    }

    @Test
    void setsWithConstantByAreSortedWhenStored() {
        put("s", TestCollection.of(ValueType.SET, "b", "c", "a"));
        assertThat(r.run("SORT", "s", "BY", "nosort", "STORE", "dst")).isEqualTo(":3");
        assertThat(r.run("SORT", "dst", "BY", "nosort")).isEqualTo("a b c");
    }

    @Test
    void numberParsingFollowsStrtod() {
        r.db().put(bytes("s1"), bytes(" 5"));
        r.db().put(bytes("s2"), bytes(""));
        r.db().put(bytes("s3"), bytes("0x10"));
        put("l2", TestCollection.of(ValueType.LIST, "s1", "s2", "s3"));
        assertThat(r.run("SORT", "l2", "BY", "*")).isEqualTo("s2 s1 s3");
        assertThat(r.run("SORT", "l2", "BY", "*", "DESC")).isEqualTo("s3 s1 s2");
        put("l3", TestCollection.of(ValueType.LIST, "1.5", "-inf", "1e3", "+2"));
        assertThat(r.run("SORT", "l3")).isEqualTo("-inf 1.5 +2 1e3");
        assertThat(r.run("SORT", "l3", "DESC", "ALPHA")).isEqualTo("1e3 1.5 -inf +2");
        put("bad", TestCollection.of(ValueType.LIST, "1", "x", "2"));
        assertThat(r.run("SORT", "bad")).isEqualTo("-ERR One or more scores can't be converted into double");
        assertThat(r.run("SORT", "bad", "ALPHA")).isEqualTo("1 2 x");
        assertThat(r.run("SORT", "bad", "BY", "nosort")).isEqualTo("1 x 2");
    }

    @Test
    void wrongTypesAndMissingKeys() {
        assertThat(r.run("SORT", "missing")).isEmpty();
        assertThat(r.run("SORT", "w_1")).startsWith("-WRONGTYPE");
        assertThat(r.run("SORT", "h_1")).startsWith("-WRONGTYPE");
        assertThat(r.run("SORT", "l", "FOO")).isEqualTo("-ERR syntax error");
    }
}
