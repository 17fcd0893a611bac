package io.redoubt.it.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyspace notifications of hashes, lists, sets and sorted sets, including the "del" of an emptied key. */
class CollectionNotificationDifferentialTest extends NotificationDifferentialTest {

    @Test
    void hashes() {
        enable("KEA");
        assertThat(sameEvents("""
                HSET h a 1 b 2
                HSET h a 1
                HMSET h c 3
                HSETNX h a 9
                HSETNX h d 4
                HINCRBY h n 5
                HINCRBYFLOAT h f 1.5
                HINCRBY h a x
                HDEL h zz
                HDEL h a b
                HGET h c
                HGETALL h
                HDEL h c d n f
                HDEL h c
                """)).containsSubsequence("__keyspace@0__:h hset", "__keyspace@0__:h hincrby",
                "__keyspace@0__:h hincrbyfloat", "__keyspace@0__:h hdel", "__keyspace@0__:h hdel",
                "__keyevent@0__:hdel h", "__keyspace@0__:h del", "__keyevent@0__:del h");
    }

    @Test
    void lists() {
        enable("KEA");
        assertThat(sameEvents("""
                LPUSH l a b c
                RPUSH l d
                LPUSHX l e
                RPUSHX l f
                LPUSHX missing e
                RPUSHX missing f
                LINSERT l BEFORE a x
                LINSERT l AFTER nope x
                LSET l 0 y
                LREM l 0 nope
                LREM l 1 x
                LPOP l
                RPOP l
                LPOP l 2
                RPOP l 0
                LPOP missing
                LTRIM l 0 100
                LRANGE l 0 -1
                LMPOP 2 missing l LEFT COUNT 1
                RPOP l 10
                RPUSH m 1 2 3
                LTRIM m 5 10
                RPUSH n 1 1
                LREM n 0 1
                """)).contains("__keyevent@0__:lpush l", "__keyevent@0__:rpush l", "__keyevent@0__:linsert l",
                "__keyevent@0__:lset l", "__keyevent@0__:lrem l", "__keyevent@0__:lpop l",
                "__keyevent@0__:rpop l", "__keyevent@0__:ltrim l", "__keyevent@0__:del l",
                "__keyevent@0__:del m", "__keyevent@0__:del n");
    }

    @Test
    void listMovesPushThenPop() {
        enable("KEAn");
        assertThat(sameEvents("""
                RPUSH src a b
                LMOVE src dst LEFT RIGHT
                RPOPLPUSH src dst
                LMOVE dst dst LEFT RIGHT
                RPUSH one x
                RPOPLPUSH one one
                LMOVE one one RIGHT LEFT
                LMOVE missing dst LEFT LEFT
                """)).containsSubsequence("__keyspace@0__:dst new", "__keyspace@0__:dst rpush",
                "__keyspace@0__:src lpop", "__keyspace@0__:dst lpush", "__keyspace@0__:src rpop",
                "__keyspace@0__:src del");
    }

    @Test
    void sets() {
        enable("KEA");
        sameScript("""
                SADD s a b c 1 2
                SADD s a
                SREM s zz
                SREM s a
                SMOVE s t b
                SMOVE s t b
                SADD t c
                SMOVE s t c
                SMOVE t t c
                SPOP s 0
                SADD u 1 2 3
                SPOP u 10
                SADD v x
                SPOP v
                SADD w 1 2 3 4
                """);
        // members popped at random differ; the events do not
        both("SPOP", "s");
        both("SPOP", "w", "2");
        both("SPOP", "w", "1");
        both("SRANDMEMBER", "w");
        assertThat(sameEventsSoFar()).contains("__keyevent@0__:sadd s", "__keyevent@0__:srem s",
                "__keyevent@0__:sadd t", "__keyevent@0__:spop u", "__keyevent@0__:del u",
                "__keyevent@0__:del v", "__keyevent@0__:spop s", "__keyevent@0__:spop w");
    }

    @Test
    void smoveEmptiesSourceAndCreatesDestination() {
        enable("KEAn");
        assertThat(sameEvents("""
                SADD a x
                SMOVE a b x
                """)).containsExactly("__keyspace@0__:a new", "__keyevent@0__:new a",
                "__keyspace@0__:a sadd", "__keyevent@0__:sadd a",
                "__keyspace@0__:a srem", "__keyevent@0__:srem a",
                "__keyspace@0__:a del", "__keyevent@0__:del a",
                "__keyspace@0__:b new", "__keyevent@0__:new b",
                "__keyspace@0__:b sadd", "__keyevent@0__:sadd b");
    }

    @Test
    void setStores() {
        enable("KEA");
        assertThat(sameEvents("""
                SADD a 1 2 3
                SADD b 2 3 4
                SINTERSTORE d a b
                SUNIONSTORE d a b
                SDIFFSTORE d a b
                SINTERSTORE d a missing
                SINTERSTORE d a missing
                SUNIONSTORE e missing
                SDIFFSTORE e a a
                """)).contains("__keyevent@0__:sinterstore d", "__keyevent@0__:sunionstore d",
                "__keyevent@0__:sdiffstore d", "__keyevent@0__:del d");
    }

    @Test
    void sortedSets() {
        enable("KEA");
        assertThat(sameEvents("""
                ZADD z 1 a 2 b 3 c
                ZADD z 1 a
                ZADD z 5 a
                ZADD z NX 9 a
                ZADD z XX 9 zz
                ZADD z GT 1 a
                ZADD z LT 1 a
                ZADD z CH 7 a 8 d
                ZADD z INCR 1 a
                ZADD z INCR 0 a
                ZADD z XX INCR 1 zz
                ZINCRBY z 2 b
                ZINCRBY z 0 b
                ZADD missing XX 1 a
                ZREM z nope
                ZREM z d
                ZREMRANGEBYSCORE z 100 200
                ZREMRANGEBYSCORE z 0 2
                ZREMRANGEBYSCORE z (5 +inf
                ZREMRANGEBYRANK z 0 0
                ZADD y 0 a 0 b 0 c 0 d
                ZREMRANGEBYLEX y [a [b
                ZPOPMIN y
                ZPOPMAX y
                ZPOPMIN y 0
                ZPOPMIN missing
                ZADD x 1 a 2 b
                ZMPOP 2 missing x MIN COUNT 5
                ZADD w 1 a
                ZREM w a
                ZRANGE z 0 -1 WITHSCORES
                """)).contains("__keyevent@0__:zadd z", "__keyevent@0__:zincr z", "__keyevent@0__:zrem z",
                "__keyevent@0__:zremrangebyrank z",
                "__keyevent@0__:zremrangebylex y", "__keyevent@0__:zremrangebyscore z", "__keyevent@0__:zpopmin y", "__keyevent@0__:zpopmax y",
                "__keyevent@0__:zpopmin x", "__keyevent@0__:del x", "__keyevent@0__:del w");
    }

    @Test
    void sortedSetStores() {
        enable("KEA");
        assertThat(sameEvents("""
                ZADD a 1 x 2 y
                ZADD b 3 y 4 z
                ZUNIONSTORE d 2 a b
                ZINTERSTORE d 2 a b
                ZDIFFSTORE d 2 a b
                ZINTERSTORE d 2 a missing
                ZINTERSTORE d 2 a missing
                ZRANGESTORE r a 0 -1
                ZRANGESTORE r a 10 20
                ZRANGESTORE r missing 0 -1
                ZRANGESTORE r a 0 -1
                ZRANGESTORE r missing 0 -1
                """)).contains("__keyevent@0__:zunionstore d", "__keyevent@0__:zinterstore d",
                "__keyevent@0__:zdiffstore d", "__keyevent@0__:del d", "__keyevent@0__:zrangestore r",
                "__keyevent@0__:del r");
    }
}
