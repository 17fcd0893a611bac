package io.redoubt.it.zsets;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sorted-set commands against Redis 7.0.15, replies compared byte for byte, in RESP2 and RESP3. */
class ZSetDifferentialTest extends DifferentialTest {

    @BeforeEach
    void clearKeys() {
        // the keys these tests use, so each test starts from nothing on both servers
        both("DEL", "z", "z2", "z3", "s", "missing", "dst", "bin");
        same("SET", "s", "string");
    }

    @Test
    void zaddOptions() {
        sameScript("""
                ZADD z 1 a 2 b
                ZADD z NX 5 a 3 c
                ZADD z XX 5 a 4 d
                ZADD z XX CH 6 a 4 d
                ZADD z CH 6 a 7 b 8 e
                ZADD z GT 1 a
                ZADD z GT CH 10 a 1 f
                ZADD z LT CH 11 a 0 b
                ZADD z LT 11 a
                ZRANGE z 0 -1 WITHSCORES
                ZADD z NX XX 1 a
                ZADD z GT LT 1 a
                ZADD z GT NX 1 a
                ZADD z LT NX 1 a
                ZADD z INCR 1 a 2 b
                ZADD z INCR 5 a
                ZADD z INCR NX 5 a
                ZADD z INCR XX 5 nope
                ZADD z INCR GT -100 a
                ZADD z INCR LT -100 a
                ZADD z INCR 0 a
                ZADD z 1 a 2
                ZADD z 1
                ZADD z a b
                ZADD z nan a
                ZADD z 1 a x b
                ZADD z NX
                ZADD z FOO 1 a
                ZADD s 1 a
                ZADD missing XX 1 a
                EXISTS missing
                ZADD missing XX INCR 1 a
                ZADD z inf i -inf ni +inf pi
                ZADD z INCR -inf i
                ZADD z 1.5 x 0.1 y 1e300 big -0 mz 0x10 hex
                ZRANGE z 0 -1 WITHSCORES
                ZCARD z
                ZCARD missing
                ZCARD s
                """);
        resp3();
        sameScript("""
                ZADD z INCR 1 y
                ZADD z INCR XX 1 nope
                ZSCORE z x
                ZSCORE z nope
                ZMSCORE z x nope i
                """);
    }

    @Test
    void zincrbyAndScores() {
        sameScript("""
                ZINCRBY z 1 a
                ZINCRBY z 2.5 a
                ZINCRBY z -inf a
                ZINCRBY z +inf a
                ZINCRBY z nan a
                ZINCRBY z x a
                ZINCRBY s 1 a
                ZINCRBY z 1
                ZSCORE z a
                ZSCORE missing a
                ZSCORE s a
                ZMSCORE z a nope
                ZMSCORE missing a b
                ZMSCORE s a
                ZMSCORE z
                ZINCRBY z2 0.1 a
                ZINCRBY z2 0.2 a
                ZSCORE z2 a
                """);
    }

    @Test
    void removeCountAndRank() {
        sameScript("""
                ZADD z 1 a 2 b 3 c 4 d 5 e
                ZREM z a nope
                ZREM z nope
                ZREM missing a
                ZREM s a
                ZREM z
                ZRANK z b
                ZRANK z nope
                ZRANK missing a
                ZRANK s a
                ZREVRANK z b
                ZREVRANK z e
                ZRANK z b WITHSCORE
                ZCOUNT z 2 4
                ZCOUNT z (2 4
                ZCOUNT z (2 (4
                ZCOUNT z -inf +inf
                ZCOUNT z 4 2
                ZCOUNT z (3 (3
                ZCOUNT z 3 3
                ZCOUNT z a 1
                ZCOUNT z 1 nan
                ZCOUNT z ( 1
                ZCOUNT z " 1" 5
                ZCOUNT missing 0 1
                ZCOUNT missing x 1
                ZCOUNT s 0 1
                ZREM z b c d e
                EXISTS z
                """);
    }

    @Test
    void lexRanges() {
        sameScript("""
                ZADD z 0 a 0 b 0 c 0 d 0 e 0 f 0 bb
                ZLEXCOUNT z - +
                ZLEXCOUNT z [b [d
                ZLEXCOUNT z (b (d
                ZLEXCOUNT z + -
                ZLEXCOUNT z [z [zz
                ZLEXCOUNT z b d
                ZLEXCOUNT z [a x
                ZLEXCOUNT missing - +
                ZLEXCOUNT s - +
                ZRANGEBYLEX z - +
                ZRANGEBYLEX z [b (d
                ZRANGEBYLEX z (b [d
                ZRANGEBYLEX z - + LIMIT 1 2
                ZRANGEBYLEX z - + LIMIT 1 -1
                ZRANGEBYLEX z - + LIMIT -1 2
                ZRANGEBYLEX z - + LIMIT 0 0
                ZRANGEBYLEX z - + LIMIT 100 1
                ZRANGEBYLEX z - + WITHSCORES
                ZRANGEBYLEX z - + LIMIT 1
                ZRANGEBYLEX z a b
                ZREVRANGEBYLEX z + -
                ZREVRANGEBYLEX z [d [b
                ZREVRANGEBYLEX z + - LIMIT 2 3
                ZREVRANGEBYLEX z [b [d
                ZRANGE z [b [d BYLEX
                ZRANGE z [d [b BYLEX REV
                ZRANGE z [d [b BYLEX REV LIMIT 1 1
                ZRANGE z - + BYLEX WITHSCORES
                ZRANGE z - + BYLEX BYSCORE
                ZREMRANGEBYLEX z [b (c
                ZREMRANGEBYLEX z x y
                ZREMRANGEBYLEX missing - +
                ZREMRANGEBYLEX s - +
                ZRANGE z 0 -1
                ZREMRANGEBYLEX z - +
                EXISTS z
                """);
    }

    @Test
    void rankAndScoreRanges() {
        sameScript("""
                ZADD z 1 a 2 b 3 c 4 d 5 e 5 f
                ZRANGE z 0 -1
                ZRANGE z 0 -1 WITHSCORES
                ZRANGE z -2 -1 withscores
                ZRANGE z 2 1
                ZRANGE z 10 20
                ZRANGE z -100 100
                ZRANGE z 0 -1 REV
                ZRANGE z 0 1 REV WITHSCORES
                ZRANGE z 0 1 LIMIT 0 1
                ZRANGE z 0 1 LIMIT 0 -1
                ZRANGE z 0 1 REV REV
                ZRANGE z 0 1 FOO
                ZRANGE z a 1
                ZRANGE missing 0 -1
                ZRANGE missing a b
                ZRANGE s 0 -1
                ZREVRANGE z 0 2 WITHSCORES
                ZREVRANGE z 0 2 REV
                ZREVRANGE z 0 2 BYSCORE
                ZRANGE z 2 4 BYSCORE
                ZRANGE z (2 4 BYSCORE WITHSCORES
                ZRANGE z 4 (2 BYSCORE REV WITHSCORES
                ZRANGE z -inf +inf BYSCORE LIMIT 1 2
                ZRANGE z -inf +inf BYSCORE LIMIT 1 -1
                ZRANGE z -inf +inf BYSCORE LIMIT -1 2
                ZRANGE z -inf +inf BYSCORE LIMIT 5 10
                ZRANGE z -inf +inf BYSCORE LIMIT 6 10
                ZRANGE z +inf -inf BYSCORE REV LIMIT 1 2 WITHSCORES
                ZRANGE z 1 x BYSCORE
                ZRANGE z 1 2 BYSCORE LIMIT a 1
                ZRANGEBYSCORE z 2 4
                ZRANGEBYSCORE z (1 (5 WITHSCORES
                ZRANGEBYSCORE z 5 5
                ZRANGEBYSCORE z 5 1
                ZRANGEBYSCORE z -inf +inf LIMIT 2 2 WITHSCORES
                ZRANGEBYSCORE z -inf +inf REV
                ZRANGEBYSCORE z -inf +inf BYSCORE
                ZRANGEBYSCORE z nan 1
                ZRANGEBYSCORE z "(" 1
                ZREVRANGEBYSCORE z 4 2
                ZREVRANGEBYSCORE z +inf -inf WITHSCORES LIMIT 0 3
                ZREVRANGEBYSCORE z 2 4
                ZREVRANGEBYSCORE z (5 (1
                ZRANGEBYSCORE missing 0 1
                ZRANGEBYSCORE s 0 1
                ZREMRANGEBYSCORE z (4 5
                ZREMRANGEBYSCORE z x 1
                ZREMRANGEBYSCORE missing 0 1
                ZREMRANGEBYSCORE s 0 1
                ZREMRANGEBYRANK z 0 0
                ZREMRANGEBYRANK z -1 -1
                ZREMRANGEBYRANK z 5 10
                ZREMRANGEBYRANK z 1 0
                ZREMRANGEBYRANK z a 0
                ZREMRANGEBYRANK missing 0 1
                ZREMRANGEBYRANK s 0 1
                ZRANGE z 0 -1 WITHSCORES
                ZREMRANGEBYRANK z 0 -1
                EXISTS z
                """);
        resp3();
        sameScript("""
                ZADD z 1 a 2.5 b 3 c
                ZRANGE z 0 -1 WITHSCORES
                ZRANGEBYSCORE z 0 10 WITHSCORES
                ZREVRANGE z 0 -1 WITHSCORES
                ZRANGE missing 0 -1
                """);
    }

    @Test
    void rangeStore() {
        sameScript("""
                ZADD z 1 a 2 b 3 c 4 d
                ZRANGESTORE dst z 0 1
                ZRANGE dst 0 -1 WITHSCORES
                ZRANGESTORE dst z 2 4 BYSCORE REV
                ZRANGESTORE dst z 4 2 BYSCORE REV
                ZRANGE dst 0 -1 WITHSCORES
                ZRANGESTORE dst z (a [c BYLEX LIMIT 0 1
                ZRANGESTORE dst z 0 -1 WITHSCORES
                ZRANGESTORE dst z 5 10
                EXISTS dst
                ZADD dst 1 x
                ZRANGESTORE dst missing 0 -1
                EXISTS dst
                ZRANGESTORE s z 0 0
                ZRANGE s 0 -1
                SET s string
                ZRANGESTORE dst s 0 0
                ZRANGESTORE dst z 0
                ZRANGESTORE dst z 0 1 LIMIT 0 1
                """);
    }

    @Test
    void pops() {
        sameScript("""
                ZADD z 1 a 2 b 3 c 4 d 5 e
                ZPOPMIN z
                ZPOPMAX z
                ZPOPMIN z 2
                ZPOPMAX z 0
                ZPOPMAX z 10
                EXISTS z
                ZPOPMIN missing
                ZPOPMIN missing 0
                ZPOPMIN missing 3
                ZPOPMIN z -1
                ZPOPMIN z x
                ZPOPMIN z 1 2
                ZPOPMIN s
                ZPOPMIN s 0
                ZADD z 1 a 2 b 3 c
                ZADD z2 1 x
                ZMPOP 2 missing z MIN
                ZMPOP 2 missing z MAX COUNT 5
                ZMPOP 2 missing z MAX COUNT 5
                ZMPOP 1 z2 MIN COUNT 1
                ZMPOP 0 z MIN
                ZMPOP x z MIN
                ZMPOP 2 z MIN
                ZMPOP 1 z FOO
                ZMPOP 1 z MIN COUNT 0
                ZMPOP 1 z MIN COUNT x
                ZMPOP 1 z MIN COUNT 1 COUNT 1
                ZMPOP 1 z MIN BAR
                ZMPOP 2 s z MIN
                ZMPOP 9223372036854775807 z MIN
                ZMPOP 9223372036854775806 z MIN
                ZUNION 9223372036854775807 z
                ZINTERCARD 9223372036854775807 z
                ZUNIONSTORE dst 9223372036854775807 z
                """);
        resp3();
        sameScript("""
                ZADD z 1 a 2 b 3 c 4 d
                ZPOPMIN z
                ZPOPMAX z 1
                ZPOPMIN missing
                ZPOPMIN missing 2
                ZMPOP 1 z MIN COUNT 2
                ZMPOP 1 missing MIN
                """);
    }

    @Test
    void setOperations() {
        sameScript("""
                ZADD z 1 a 2 b 3 c
                ZADD z2 10 b 20 c 30 d
                ZADD z3 100 c 200 e
                ZUNION 2 z z2
                ZUNION 2 z z2 WITHSCORES
                ZUNION 3 z z2 z3 WITHSCORES WEIGHTS 1 2 3
                ZUNION 2 z z2 AGGREGATE MIN WITHSCORES
                ZUNION 2 z z2 AGGREGATE max WITHSCORES
                ZUNION 2 z missing WITHSCORES
                ZUNION 2 z z2 WEIGHTS 1 x
                ZUNION 2 z z2 WEIGHTS 1
                ZUNION 2 z z2 AGGREGATE FOO
                ZUNION 2 z z2 AGGREGATE
                ZUNION 0 z
                ZUNION -1 z
                ZUNION x z
                ZUNION 3 z z2
                ZUNION 2 z s
                ZUNION 1 z FOO
                ZINTER 2 z z2 WITHSCORES
                ZINTER 3 z z2 z3 WITHSCORES
                ZINTER 2 z z2 WEIGHTS 2 0.5 AGGREGATE MAX WITHSCORES
                ZINTER 2 z missing
                ZINTER 2 s z
                ZDIFF 2 z z2 WITHSCORES
                ZDIFF 3 z2 z z3 WITHSCORES
                ZDIFF 1 z
                ZDIFF 2 z missing WITHSCORES
                ZDIFF 2 missing z
                ZDIFF 2 z z2 WEIGHTS 1 1
                ZDIFF 2 z z2 AGGREGATE SUM
                ZUNIONSTORE dst 2 z z2
                ZRANGE dst 0 -1 WITHSCORES
                ZINTERSTORE dst 2 z z2 WEIGHTS 1 -1
                ZRANGE dst 0 -1 WITHSCORES
                ZINTERSTORE dst 2 z z3
                ZINTERSTORE dst 2 z missing
                EXISTS dst
                ZDIFFSTORE dst 2 z z2
                ZRANGE dst 0 -1 WITHSCORES
                ZDIFFSTORE dst 2 z z
                EXISTS dst
                ZUNIONSTORE dst 2 z z2 WITHSCORES
                ZUNIONSTORE dst 0 z
                ZUNIONSTORE s 1 z
                ZRANGE s 0 -1
                ZINTERCARD 2 z z2
                ZINTERCARD 2 z z2 LIMIT 1
                ZINTERCARD 2 z z2 LIMIT 0
                ZINTERCARD 2 z z2 LIMIT -1
                ZINTERCARD 2 z z2 LIMIT x
                ZINTERCARD 0 z
                ZINTERCARD 3 z z2
                ZINTERCARD 1 missing
                ZINTERCARD 2 z z2 WITHSCORES
                ZINTERCARD 1 z2 LIMIT
                """);
        resp3();
        sameScript("""
                ZUNION 2 z z2 WITHSCORES
                ZINTER 2 z z2
                ZDIFF 2 z2 z WITHSCORES
                """);
    }

    @Test
    void infinitiesAndNanInAggregates() {
        sameScript("""
                ZADD z +inf a -inf b 1 c
                ZADD z2 -inf a +inf b 0 c
                ZUNION 2 z z2 WITHSCORES
                ZINTER 2 z z2 WITHSCORES WEIGHTS 0 1
                ZUNION 2 z z2 WITHSCORES WEIGHTS inf 0
                ZUNION 2 z z2 WITHSCORES AGGREGATE MIN
                ZUNION 2 z z2 WITHSCORES WEIGHTS nan 1
                ZRANGE z -inf +inf BYSCORE WITHSCORES
                ZRANGE z (-inf (+inf BYSCORE WITHSCORES
                ZCOUNT z -inf -inf
                ZCOUNT z (-inf +inf
                ZCOUNT z 1e400 +inf
                ZCOUNT z -1e400 1e400
                ZRANGEBYSCORE z (1e400 +inf
                ZCOUNT z 1e-400 1
                ZADD z 1e400 c
                """);
    }

    @Test
    void binaryMembers() {
        byte[] weird = {0, (byte) 0xff, '\r', '\n', 'z'};
        byte[] low = {0};
        same("ZADD".getBytes(), "bin".getBytes(), "1".getBytes(), weird, "1".getBytes(), low,
                "1".getBytes(), new byte[0], "1".getBytes(), new byte[] {(byte) 0x80});
        same("ZRANGE".getBytes(), "bin".getBytes(), "0".getBytes(), "-1".getBytes(), "WITHSCORES".getBytes());
        same("ZRANGEBYLEX".getBytes(), "bin".getBytes(), "(".getBytes(), "+".getBytes());
        same("ZRANGEBYLEX".getBytes(), "bin".getBytes(), "[".getBytes(), "(\u0080".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        same("ZRANK".getBytes(), "bin".getBytes(), weird);
        same("ZSCORE".getBytes(), "bin".getBytes(), new byte[0]);
        same("ZREM".getBytes(), "bin".getBytes(), low, weird);
        same("ZSCAN".getBytes(), "bin".getBytes(), "0".getBytes());
    }

    @Test
    void scanSmallSets() {
        sameScript("""
                ZADD z 1 a 2.5 b 0.1 c -0 d 1e20 e
                ZSCAN z 0
                ZSCAN z 0 COUNT 1
                ZSCAN z 0 MATCH a*
                ZSCAN z 0 MATCH [ab] COUNT 100
                ZSCAN z 0 COUNT 0
                ZSCAN z 0 COUNT x
                ZSCAN z 0 FOO
                ZSCAN z x
                ZSCAN z -1
                ZSCAN z 18446744073709551616
                ZSCAN missing 0
                ZSCAN missing 0 COUNT 0
                ZSCAN s 0
                ZSCAN z
                """);
    }

    @Test
    void destinationThatIsAlsoASource() {
        sameScript("""
                ZADD z 1 a 2 b 3 c
                ZADD z2 5 b 6 d
                ZRANGESTORE z z 1 -1
                ZRANGE z 0 -1 WITHSCORES
                ZUNIONSTORE z 2 z z2 WEIGHTS 2 1
                ZRANGE z 0 -1 WITHSCORES
                ZINTERSTORE z2 2 z z2 AGGREGATE MIN
                ZRANGE z2 0 -1 WITHSCORES
                ZDIFFSTORE z 2 z z2
                ZRANGE z 0 -1 WITHSCORES
                ZDIFFSTORE z 1 z
                ZCARD z
                """);
    }

    @Test
    void mixedCaseOptionsAndRepeatedFlags() {
        sameScript("""
                zadd z nx ch 1 a
                zadd z xx xx gt ch 2 a
                zrange z 0 -1 withscores rev
                zrange z -INF +Inf byscore LiMiT 0 1 withscores
                zrangebyscore z -inf +inf withscores withscores
                zunion 1 z weights 2 weights 3 withscores
                zunion 1 z aggregate min aggregate max withscores
                """);
    }

    @Test
    void lexRangesOverUnequalScoresFollowRedis() {
        // undefined by the documentation, but clients see whatever Redis returns
        sameScript("""
                ZADD z 1 b 2 a 3 d 4 c
                ZRANGEBYLEX z - +
                ZRANGEBYLEX z [a [c
                ZRANGEBYLEX z (a +
                ZLEXCOUNT z [b [c
                ZREVRANGEBYLEX z [d [b
                ZREVRANGEBYLEX z + (a
                ZREVRANGEBYLEX z (c -
                ZRANGE z [d [b BYLEX REV LIMIT 1 5
                ZADD z 5 a0
                ZREVRANGEBYLEX z [b -
                """);
    }

    @Test
    void arity() {
        sameScript("""
                ZINCRBY z 1
                ZREM z
                ZCARD
                ZCOUNT z 1
                ZLEXCOUNT z -
                ZSCORE z
                ZMSCORE z
                ZRANK z
                ZREVRANK z a b
                ZRANGE z 0
                ZRANGESTORE dst z 0
                ZRANGEBYSCORE z 0
                ZREVRANGEBYSCORE z 0
                ZRANGEBYLEX z -
                ZREVRANGEBYLEX z +
                ZREVRANGE z 0
                ZREMRANGEBYRANK z 0
                ZREMRANGEBYSCORE z 0
                ZREMRANGEBYLEX z -
                ZPOPMIN
                ZPOPMAX
                ZMPOP 1 z
                ZUNION 1
                ZINTER 1
                ZDIFF 1
                ZUNIONSTORE dst 1
                ZINTERSTORE dst 1
                ZDIFFSTORE dst 1
                ZINTERCARD 1
                ZRANDMEMBER
                ZSCAN z
                """);
    }
}
