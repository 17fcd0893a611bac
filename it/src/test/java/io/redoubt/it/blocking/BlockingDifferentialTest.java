package io.redoubt.it.blocking;

import io.redoubt.testkit.DifferentialTest;
import org.junit.jupiter.api.Test;

/**
 * Replies of the blocking list and sorted-set commands that do not depend on timing: errors and
 * their order, immediate serves, MULTI (where nothing blocks) and short timeouts, RESP2 and RESP3.
 */
class BlockingDifferentialTest extends DifferentialTest {

    @Test
    void arityErrors() {
        sameScript("""
                BLPOP
                BLPOP k
                BRPOP k
                BLMOVE a b LEFT RIGHT
                BLMOVE a b LEFT RIGHT 0 x
                BRPOPLPUSH a b
                BLMPOP 0 1 k
                BZPOPMIN z
                BZPOPMAX z
                BZMPOP 0 1 z
                """);
    }

    @Test
    void timeoutParsing() {
        for (String t : new String[] {"abc", "-1", "-0.5", "inf", "-inf", "+inf", "infinity", "nan", "-nan", "1 ", " 1",
                "", "1e400", "1e5000", "1e-5000", "9223372036854775000", "99999999999999999999", "0x", "1.2.3"}) {
            same("BLPOP", "k", t);
            same("BRPOP", "k", t);
            same("BLMOVE", "a", "b", "LEFT", "RIGHT", t);
            same("BRPOPLPUSH", "a", "b", t);
            same("BLMPOP", t, "1", "k", "LEFT");
            same("BZPOPMIN", "z", t);
            same("BZPOPMAX", "z", t);
            same("BZMPOP", t, "1", "z", "MIN");
        }
    }

    @Test
    void acceptedTimeoutFormsTimeOut() {
        // tiny positive timeouts round up to one millisecond, so each of these answers null
        for (String t : new String[] {"0.001", "0.0001", "1e-10", "0.0015", "1e-3", "+0.002", "0x0.001p0"}) {
            same("BLPOP", "k", t);
            same("BRPOPLPUSH", "a", "b", t);
            same("BZMPOP", t, "1", "z", "MIN");
        }
    }

    @Test
    void timeoutRepliesInBothProtocols() {
        sameScript("""
                BLPOP a b 0.01
                BRPOP a 0.01
                BLMOVE a b LEFT RIGHT 0.01
                BRPOPLPUSH a b 0.01
                BLMPOP 0.01 2 a b LEFT COUNT 3
                BZPOPMIN z 0.01
                BZPOPMAX z y 0.01
                BZMPOP 0.01 1 z MAX
                """);
        resp3();
        sameScript("""
                BLPOP a b 0.01
                BLMOVE a b LEFT RIGHT 0.01
                BRPOPLPUSH a b 0.01
                BLMPOP 0.01 2 a b LEFT COUNT 3
                BZPOPMIN z 0.01
                BZMPOP 0.01 1 z MAX
                """);
    }

    @Test
    void servesAtOnceWhenDataIsThere() {
        sameScript("""
                RPUSH l1 a b c
                RPUSH l2 x y
                BLPOP missing l1 l2 0
                BRPOP l2 l1 0
                BLPOP l1 l1 0
                LRANGE l1 0 -1
                BLMPOP 0 2 missing l2 RIGHT COUNT 5
                EXISTS l2
                RPUSH l3 1 2 3 4
                BLMPOP 0 1 l3 LEFT
                BLMPOP 0 1 l3 left count 2
                BLMOVE l3 d RIGHT LEFT 0
                BRPOPLPUSH d d 0
                LRANGE d 0 -1
                BRPOPLPUSH d e 0
                EXISTS d
                LRANGE e 0 -1
                ZADD z 1 a 2 b 3 c 1.5 d 4 e 5 f
                BZPOPMIN missing z 0
                BZPOPMAX z 0
                BZMPOP 0 2 missing z MIN COUNT 2
                BZMPOP 0 1 z max
                EXISTS z
                """);
    }

    @Test
    void servesAtOnceInResp3() {
        resp3();
        sameScript("""
                RPUSH l a b c
                BLPOP l 0
                BLMPOP 0 1 l RIGHT COUNT 2
                ZADD z 1 a 2.5 b 3 c -inf d
                BZPOPMIN z 0
                BZPOPMAX z 0
                BZMPOP 0 1 z MIN COUNT 10
                """);
    }

    @Test
    void wrongTypeErrors() {
        sameScript("""
                SET s str
                RPUSH l a
                ZADD z 1 m
                BLPOP s 0
                BLPOP missing s 0
                BLPOP l s 0
                BRPOP s l 0
                BLPOP z 0.01
                BLMOVE s d LEFT LEFT 0
                RPUSH l2 a
                BLMOVE l2 s LEFT LEFT 0
                LRANGE l2 0 -1
                BRPOPLPUSH l2 z 0
                BLMPOP 0 2 missing s LEFT
                BZPOPMIN s 0
                RPUSH l a
                BZPOPMIN missing l 0
                BZPOPMAX z s 0
                BZMPOP 0 2 l z MIN
                """);
    }

    @Test
    void blockingMoveToWrongTypeWaitsWhenSourceIsEmpty() {
        sameScript("""
                SET s str
                BLMOVE missing s LEFT LEFT 0.01
                BRPOPLPUSH missing s 0.01
                """);
    }

    @Test
    void syntaxErrorsAndTheirOrder() {
        sameScript("""
                BLMOVE a b UP RIGHT 0
                BLMOVE a b LEFT DOWN abc
                BLMOVE a b LEFT RIGHT abc
                BLMPOP 0 0 k LEFT
                BLMPOP 0 -1 k LEFT
                BLMPOP 0 abc k LEFT
                BLMPOP abc abc k LEFT
                BLMPOP abc 1 k LEFT
                BLMPOP abc 1 k UP
                BLMPOP 0 2 k LEFT
                BLMPOP 0 9223372036854775807 k LEFT
                BLMPOP 0 1 k LEFT COUNT
                BLMPOP 0 1 k LEFT COUNT 0
                BLMPOP 0 1 k LEFT COUNT -1
                BLMPOP 0 1 k LEFT COUNT abc
                BLMPOP 0 1 k LEFT COUNT 1 COUNT 2
                BLMPOP 0 1 k LEFT FOO
                BLMPOP -1 1 k LEFT COUNT 0
                BZMPOP 0 0 z MIN
                BZMPOP 0 abc z MIN
                BZMPOP 0 1 z SIDE
                BZMPOP 0 2 z MIN
                BZMPOP 0 9223372036854775807 z MIN
                BZMPOP 0 1 z MIN COUNT 0
                BZMPOP 0 1 z MIN COUNT 1 COUNT 1
                BZMPOP abc 1 z MIN
                BZMPOP abc 1 z MIN COUNT 0
                """);
    }

    @Test
    void insideMultiNothingBlocks() {
        sameScript("""
                MULTI
                BLPOP a 0
                BRPOP a b 0
                BLMOVE a b LEFT LEFT 0
                BRPOPLPUSH a b 0
                BLMPOP 0 1 a LEFT
                BZPOPMIN z 0
                BZPOPMAX z 0
                BZMPOP 0 1 z MIN
                RPUSH a 1 2
                ZADD z 1 m
                BLPOP a 0
                BLMOVE a b LEFT LEFT 0
                BZPOPMAX z 0
                BZMPOP 0 1 z MIN
                EXEC
                LRANGE b 0 -1
                MULTI
                BLPOP a 0
                BLPOP s 0 x
                EXEC
                """);
        resp3();
        sameScript("""
                MULTI
                BLPOP a 0
                BRPOPLPUSH a b 0
                BZMPOP 0 1 z MIN
                EXEC
                """);
    }

    @Test
    void commandInfoMatches() {
        for (String c : new String[] {"blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop"}) {
            same("COMMAND", "INFO", c);
        }
        same("COMMAND", "GETKEYS", "BLMPOP", "0", "2", "a", "b", "LEFT");
        same("COMMAND", "GETKEYS", "BZMPOP", "0", "1", "a", "MIN");
    }
}
