package io.redoubt.it.lists;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.keyspace.Entry;
import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.SharedServers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every list command against Redis 7.0.15, replies compared byte for byte, in RESP2 and RESP3. */
class ListDifferentialTest extends DifferentialTest {

    @BeforeEach
    void clearKeys() {
        // the keys these tests use, so each test starts from nothing on both servers
        both("DEL", "l", "l2", "s", "missing", "src", "dst", "a", "b", "c", "{t}bin");
        same("SET", "s", "string");
    }

    @Test
    void pushAndLength() {
        sameScript("""
                LPUSH l a b c
                RPUSH l d e
                LRANGE l 0 -1
                LLEN l
                LLEN missing
                LPUSHX missing a
                RPUSHX missing a
                EXISTS missing
                LPUSHX l x y
                RPUSHX l z
                LRANGE l 0 -1
                LPUSH s a
                RPUSH s a
                LPUSHX s a
                RPUSHX s a
                LLEN s
                LPUSH l
                RPUSH
                LPUSHX l
                LLEN
                LLEN l extra
                """);
    }

    @Test
    void popWithAndWithoutCount() {
        sameScript("""
                RPUSH l a b c d e
                LPOP l
                RPOP l
                LPOP l 2
                RPOP l 0
                LPOP l 100
                EXISTS l
                LPOP missing
                RPOP missing
                LPOP missing 1
                RPOP missing 0
                LPOP l -1
                LPOP l abc
                LPOP missing -1
                LPOP s
                LPOP s 1
                LPOP l 1 2
                RPUSH l x
                RPOP l 9223372036854775807
                EXISTS l
                """);
        resp3();
        sameScript("""
                LPOP missing
                LPOP missing 1
                RPUSH l a b
                LPOP l 0
                RPOP l 5
                """);
    }

    @Test
    void indexAndSet() {
        sameScript("""
                RPUSH l a b c
                LINDEX l 0
                LINDEX l -1
                LINDEX l -3
                LINDEX l -4
                LINDEX l 3
                LINDEX l 9223372036854775807
                LINDEX l -9223372036854775808
                LINDEX l abc
                LINDEX missing abc
                LINDEX missing 0
                LINDEX s 0
                LSET l 1 B
                LSET l -1 C
                LSET l 3 x
                LSET l -4 x
                LSET l abc x
                LSET missing 0 x
                LSET missing abc x
                LSET s 0 x
                LRANGE l 0 -1
                """);
    }

    @Test
    void insert() {
        sameScript("""
                RPUSH l a b c b
                LINSERT l BEFORE b X
                LINSERT l after b Y
                LINSERT l AFTER c Z
                LINSERT l BEFORE a W
                LINSERT l BEFORE nope X
                LINSERT l MIDDLE a X
                LINSERT missing BEFORE a X
                LINSERT missing MIDDLE a X
                LINSERT s BEFORE a X
                LRANGE l 0 -1
                """);
    }

    @Test
    void rangeTrimAndRemove() {
        sameScript("""
                RPUSH l a b c a b c a
                LRANGE l 0 -1
                LRANGE l -100 100
                LRANGE l 2 1
                LRANGE l 7 10
                LRANGE l -1 -1
                LRANGE l -2 -5
                LRANGE l a 1
                LRANGE missing 0 -1
                LRANGE missing a b
                LRANGE s 0 1
                LREM l 1 a
                LREM l -1 a
                LREM l 0 c
                LREM l 0 nope
                LREM l x a
                LREM missing 0 a
                LREM s 0 a
                LRANGE l 0 -1
                LTRIM l 1 -1
                LRANGE l 0 -1
                LTRIM l 0 100
                LTRIM l -1 0
                EXISTS l
                RPUSH l a b c
                LTRIM l 5 10
                EXISTS l
                RPUSH l a b c
                LTRIM l 2 1
                EXISTS l
                LTRIM missing 0 1
                LTRIM missing a 1
                LTRIM s 0 1
                RPUSH l a a a
                LREM l 0 a
                EXISTS l
                RPUSH l a b a
                LREM l -9223372036854775808 a
                LRANGE l 0 -1
                """);
    }

    @Test
    void lposOptions() {
        sameScript("""
                RPUSH l a b c a b c a
                LPOS l a
                LPOS l c
                LPOS l nope
                LPOS l a RANK 2
                LPOS l a RANK -1
                LPOS l a RANK -2
                LPOS l a RANK 4
                LPOS l a RANK 0
                LPOS l a RANK 9223372036854775807
                LPOS l a RANK -9223372036854775808
                LPOS l a RANK -9223372036854775808 COUNT 0
                LPOS l a COUNT 0
                LPOS l a COUNT 2
                LPOS l a COUNT 2 RANK -1
                LPOS l a COUNT 0 RANK 2
                LPOS l a COUNT -1
                LPOS l a MAXLEN 1
                LPOS l a MAXLEN 3 COUNT 0
                LPOS l a MAXLEN 3 COUNT 0 RANK -1
                LPOS l a MAXLEN -1
                LPOS l a MAXLEN 0 COUNT 0
                LPOS l nope COUNT 5
                LPOS l a RANK
                LPOS l a FOO 1
                LPOS l a RANK x
                LPOS missing a
                LPOS missing a COUNT 1
                LPOS missing a RANK 0
                LPOS s a
                """);
        resp3();
        sameScript("""
                LPOS missing a
                LPOS l nope
                LPOS l nope COUNT 1
                """);
    }

    @Test
    void moveBetweenLists() {
        sameScript("""
                RPUSH src a b c
                LMOVE src dst LEFT RIGHT
                LMOVE src dst RIGHT LEFT
                LMOVE src dst left left
                LMOVE src dst LEFT RIGHT
                EXISTS src
                LRANGE dst 0 -1
                LMOVE dst dst LEFT RIGHT
                LRANGE dst 0 -1
                RPOPLPUSH dst dst
                LRANGE dst 0 -1
                LMOVE missing dst LEFT LEFT
                RPOPLPUSH missing dst
                LMOVE dst s LEFT LEFT
                LMOVE s dst LEFT LEFT
                LMOVE dst missing UP LEFT
                LMOVE dst missing LEFT DOWN
                RPOPLPUSH dst s
                LRANGE dst 0 -1
                DEL dst
                RPUSH a x
                LMOVE a a LEFT RIGHT
                LRANGE a 0 -1
                RPOPLPUSH a b
                EXISTS a
                LRANGE b 0 -1
                """);
    }

    @Test
    void lmpop() {
        sameScript("""
                RPUSH b 1 2 3
                RPUSH c x
                LMPOP 2 a b LEFT
                LMPOP 2 a b RIGHT COUNT 2
                LMPOP 3 a b c LEFT COUNT 10
                LMPOP 3 a b c LEFT
                LMPOP 0 a LEFT
                LMPOP -1 a LEFT
                LMPOP x a LEFT
                LMPOP 3 a LEFT
                LMPOP 1 a UP
                LMPOP 1 a LEFT COUNT 0
                LMPOP 1 a LEFT COUNT -1
                LMPOP 1 a LEFT COUNT x
                LMPOP 1 a LEFT COUNT 1 COUNT 2
                LMPOP 1 a LEFT FOO
                LMPOP 1 a LEFT COUNT
                RPUSH b 1
                LMPOP 2 s b LEFT
                LMPOP 2 b s LEFT
                LMPOP 2 b s LEFT
                LMPOP 1 a
                LMPOP 9223372036854775807 a LEFT
                LMPOP 2147483648 a LEFT
                """);
        resp3();
        sameScript("""
                LMPOP 1 a LEFT
                RPUSH a 1 2
                LMPOP 1 a RIGHT COUNT 5
                """);
    }

    @Test
    void binaryElements() {
        byte[] weird = {0, (byte) 0xff, '\r', '\n', 'x'};
        same("RPUSH".getBytes(), "{t}bin".getBytes(), weird, new byte[0], "plain".getBytes());
        same("LRANGE".getBytes(), "{t}bin".getBytes(), "0".getBytes(), "-1".getBytes());
        same("LPOS".getBytes(), "{t}bin".getBytes(), weird);
        same("LPOS".getBytes(), "{t}bin".getBytes(), new byte[0]);
        same("LREM".getBytes(), "{t}bin".getBytes(), "0".getBytes(), weird);
        same("LINDEX".getBytes(), "{t}bin".getBytes(), "0".getBytes());
    }

    @Test
    void largeListKeepsOrderAndReportsQuicklist() {
        String[] push = new String[2 + 1000];
        push[0] = "RPUSH";
        push[1] = "l";
        for (int i = 0; i < 1000; i++) {
            push[2 + i] = "e" + i;
        }
        same(push);
        for (int i = 0; i < 300; i++) {
            same("LPUSH", "l", "h" + i);
            same("RPOP", "l");
        }
        sameScript("""
                LLEN l
                LINDEX l 500
                LRANGE l 295 305
                LINSERT l BEFORE e500 mid
                LINDEX l 800
                LREM l 0 e600
                LTRIM l 100 -100
                LLEN l
                LRANGE l 0 5
                LRANGE l -5 -1
                """);
        assertThat(redis.callText("OBJECT", "ENCODING", "l")).contains("quicklist");
        Entry e = SharedServers.redoubt().shard().db(0).peek("l".getBytes(StandardCharsets.UTF_8));
        assertThat(((io.redoubt.engine.keyspace.RedisValue) e.value()).encoding()).isEqualTo("quicklist");
    }
}
