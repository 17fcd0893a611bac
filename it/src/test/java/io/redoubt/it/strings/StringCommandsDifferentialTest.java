package io.redoubt.it.strings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.engine.strings.StringEncoding;
import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The string family against Redis 7.0.15, reply for reply. Wrong-type cases need a non-string key
 * (LPUSH, SADD...), which this branch does not have yet: they are left to the collection families.
 */
class StringCommandsDifferentialTest extends DifferentialTest {
    private static final String[] KEYS = {"k", "k1", "k2", "k3", "a", "b", "n", "f", "big", "missing", "bin"};

    /** FLUSHALL may not exist in this branch's Redoubt: remove the keys these tests use. */
    @BeforeEach
    void clearKeys() {
        KeyReset.deleteOnBoth(redis, redoubt, KEYS);
    }

    @Test
    void setOptionsAndTheirErrorOrder() {
        sameScript("""
                SET k v EX abc BOGUS
                SET k v EX 0
                SET k v EX -5
                SET k v EX 9223372036854775807
                SET k v PX 9223372036854775807
                SET k v EX 9223372036854776
                SET k v EXAT 9223372036854775
                SET k v EX 100 EX 200
                SET k v EX 10 PX 10
                SET k v KEEPTTL EX 10
                SET k v EX 10 KEEPTTL
                SET k v NX XX
                SET k v XX NX
                SET k v PERSIST
                SET k v EX
                SET k v nx
                SET k v2 xx get
                GET k
                SET k v3 NX GET
                SET missing v XX GET
                EXISTS missing
                SET missing v NX GET
                GET missing
                SET k v EX 100
                SET k v2 KEEPTTL
                SET k v3
                SET k v PXAT 1
                GET k
                SET k v get get
                SET k
                SET
                """);
    }

    @Test
    void setnxSetexPsetexGetset() {
        sameScript("""
                SETNX k v
                SETNX k w
                GET k
                SETEX k 100 v2
                SETEX k 0 v
                SETEX k -1 v
                SETEX k abc v
                SETEX k 9223372036854775807 v
                PSETEX k 100000 v3
                GET k
                PSETEX k 0 v
                PSETEX k 9223372036854775807 v
                GETSET k v4
                GETSET missing x
                GET missing
                SETNX k
                SETEX k 1
                GETSET k
                """);
    }

    @Test
    void getdelAndGetex() {
        sameScript("""
                SET k v
                GETDEL k
                GETDEL k
                EXISTS k
                GETEX missing
                GETEX missing EX abc
                GETEX missing BOGUS
                SET k v
                GETEX k
                GETEX k EX abc
                GETEX k EX 0
                GETEX k EX 10 PERSIST
                GETEX k PERSIST EX 10
                GETEX k KEEPTTL
                GETEX k NX
                GETEX k EX 100
                GETEX k PX 200000
                GETEX k PERSIST PERSIST
                GETEX k EXAT 9999999999
                GETEX k EX 9223372036854775807
                GETEX k PXAT 1
                EXISTS k
                GETEX
                GETDEL
                GETDEL a b
                """);
    }

    @Test
    void multiKeyCommands() {
        sameScript("""
                MSET a 1 b 2
                MGET a b missing
                MSET a
                MSET a 1 b
                MSETNX a 1 b
                MSETNX k1 x k2 y
                MGET k1 k2
                MSETNX k2 z k3 w
                EXISTS k3
                MSETNX k1 x k1 y
                MSET k1 a k1 b
                GET k1
                MGET
                """);
    }

    @Test
    void appendStrlenAndRanges() {
        sameScript("""
                APPEND k hello
                APPEND k " world"
                GET k
                STRLEN k
                STRLEN missing
                APPEND k ""
                APPEND missing ""
                EXISTS missing
                GETRANGE k 0 4
                GETRANGE k -5 -1
                GETRANGE k -1 -5
                GETRANGE k 5 2
                GETRANGE k 0 -1
                GETRANGE k -100 100
                GETRANGE k 100 200
                GETRANGE k -9223372036854775808 9223372036854775807
                GETRANGE k 0 -9223372036854775808
                GETRANGE k a 1
                GETRANGE k 1 9223372036854775808
                GETRANGE missing 0 -1
                GETRANGE missing x 1
                SUBSTR k 1 3
                SUBSTR k -3 -1
                SET n 12345
                GETRANGE n 1 2
                SET k ""
                GETRANGE k 0 -1
                GETRANGE k 0 0
                GETRANGE k -1 -1
                STRLEN k
                """);
    }

    @Test
    void setrange() {
        sameScript("""
                SETRANGE k 5 hi
                GET k
                SETRANGE k 0 HELLO
                GET k
                SETRANGE k 1 ""
                SETRANGE k 100 ""
                STRLEN k
                SETRANGE missing 0 ""
                SETRANGE missing 100 ""
                EXISTS missing
                SETRANGE k -1 x
                SETRANGE k abc x
                SETRANGE k 536870912 x
                SETRANGE k 536870911 xy
                SETRANGE missing 536870912 ""
                SETRANGE missing 536870911 xy
                SETRANGE k 9223372036854775807 x
                SETRANGE k 2 "a long replacement"
                GET k
                SET n 123
                SETRANGE n 1 9
                GET n
                INCR n
                """);
    }

    @Test
    void integerCounters() {
        sameScript("""
                INCR k
                INCR k
                DECR k
                DECR k
                DECR k
                INCRBY k 100
                DECRBY k 50
                INCRBY k -9223372036854775808
                INCRBY k abc
                INCRBY k 9223372036854775808
                DECRBY k -9223372036854775808
                DECRBY missing -9223372036854775808
                SET big 9223372036854775807
                INCR big
                INCRBY big 0
                SET big -9223372036854775808
                DECR big
                DECRBY big 1
                INCRBY big -1
                SET n " 1"
                INCR n
                SET n "1 "
                INCR n
                SET n 01
                INCR n
                SET n -0
                INCR n
                SET n +1
                INCR n
                SET n 1.5
                INCR n
                SET n ""
                INCR n
                SET n 99999999999999999999
                INCR n
                SET k 10
                INCR k
                INCR
                INCRBY k
                DECRBY k 1 2
                """);
    }

    @Test
    void incrbyfloatUsesLongDoubleArithmetic() {
        sameScript("""
                INCRBYFLOAT f 0.1
                INCRBYFLOAT f 0.2
                INCRBYFLOAT f 0.3
                INCRBYFLOAT f -0.6
                INCRBYFLOAT f 1e20
                INCRBYFLOAT f 1e-20
                INCRBYFLOAT f -1e20
                INCRBYFLOAT f 3
                INCRBYFLOAT f 5.0e3
                INCRBYFLOAT f 0x10
                INCRBYFLOAT f 0x1p-2
                INCRBYFLOAT f 1.
                INCRBYFLOAT f .5
                INCRBYFLOAT f inf
                INCRBYFLOAT f -inf
                INCRBYFLOAT f nan
                INCRBYFLOAT f " 1"
                INCRBYFLOAT f "1 "
                INCRBYFLOAT f 1e
                INCRBYFLOAT f abc
                INCRBYFLOAT f ""
                INCRBYFLOAT f 1e5000
                INCRBYFLOAT f 1e-5000
                INCRBYFLOAT f 1e308
                INCRBYFLOAT f 1e4000
                INCRBYFLOAT f 1e4932
                INCRBYFLOAT f 1e4933
                GET f
                SET n 10.50
                INCRBYFLOAT n 0.1
                INCRBYFLOAT n -10.6
                SET n 1.7976931348623157e308
                INCRBYFLOAT n 1.7976931348623157e308
                SET n abc
                INCRBYFLOAT n 1
                SET n 5
                INCRBYFLOAT n 1.25
                INCRBYFLOAT n 0.000000000000000001
                INCRBYFLOAT n 123456789.123456789
                INCRBYFLOAT n -123456789.123456789
                INCRBYFLOAT n 3.0000000000000000001
                INCRBYFLOAT k 1 2
                """);
    }

    @Test
    void lcs() {
        sameScript("""
                MSET a ohmytext b mynewtext
                LCS a b
                LCS a b LEN
                LCS a b IDX
                LCS a b IDX MINMATCHLEN 4
                LCS a b IDX MINMATCHLEN 4 WITHMATCHLEN
                LCS a b IDX WITHMATCHLEN MINMATCHLEN -3
                LCS a b IDX LEN
                LCS a b LEN IDX
                LCS a b MINMATCHLEN
                LCS a b MINMATCHLEN x
                LCS a b BOGUS
                LCS a missing
                LCS missing missing2 IDX
                LCS a missing LEN
                LCS a a WITHMATCHLEN
                MSET k1 ACCGGTCGAGTGCGCGGAAGCCGGCCGAA k2 GTCGTTCGGAATGCCGTTGCTCTGTAAA
                LCS k1 k2
                LCS k1 k2 IDX WITHMATCHLEN
                LCS k1 k2 IDX MINMATCHLEN 2
                LCS a
                """);
        resp3();
        sameScript("""
                LCS a b IDX WITHMATCHLEN
                LCS a b LEN
                GET missing
                """);
    }

    @Test
    void resp3Replies() {
        resp3();
        sameScript("""
                GET missing
                SET k v
                SET k v NX
                SET k v2 GET
                SET missing v XX GET
                SETNX k x
                MGET k missing
                GETEX missing
                GETDEL missing
                INCRBYFLOAT f 1.5
                INCR n
                GETRANGE k 0 -1
                GETRANGE missing 0 -1
                """);
    }

    @Test
    void lcsRefusesTablesLargerThanProtoMaxBulkLen() {
        same("SET", "k1", "a".repeat(12000));
        same("SET", "k2", "b".repeat(12000));
        same("LCS", "k1", "k2", "LEN");
        same("LCS", "k1", "k2");
    }

    @Test
    void binarySafeValuesWithAllByteValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] key = "bin".getBytes(StandardCharsets.US_ASCII);
        same(b("SET"), key, all);
        same(b("GET"), key);
        same(b("APPEND"), key, all);
        same(b("STRLEN"), key);
        same(b("GETRANGE"), key, b("250"), b("260"));
        same(b("SETRANGE"), key, b("3"), all);
        same(b("GET"), key);
        same(b("LCS"), key, key, b("LEN"));
        same(b("MGET"), key, b("missing"));
        same(b("GETSET"), key, new byte[0]);
        same(b("GET"), key);
        same(b("STRLEN"), key);
        same(b("GETDEL"), key);
    }

    @Test
    void expiredKeysAreAbsentEverywhere() {
        sameScript("""
                SET k 10 PX 50
                SET a v PX 50
                SET b 1 PX 50
                """);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> redis.callText("GET", "k").equals("$-1\r\n")
                        && redoubt.callText("GET", "k").equals("$-1\r\n"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> redis.callText("EXISTS", "a", "b").equals(":0\r\n")
                        && redoubt.callText("EXISTS", "a", "b").equals(":0\r\n"));
        sameScript("""
                SET k 10 PX 50
                """);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> redis.callText("GET", "k").equals("$-1\r\n")
                        && redoubt.callText("GET", "k").equals("$-1\r\n"));
        sameScript("""
                INCR k
                APPEND a x
                GET a
                SETNX b v
                """);
    }

    /** Needs TTL and EXPIRE, which live in the keys family: skipped where this Redoubt lacks them. */
    @Test
    void expiryKeptOrClearedAsRedisDoes() {
        assumeTrue(!redoubt.callText("TTL", "k").startsWith("-ERR unknown command"), "TTL not in this branch");
        sameScript("""
                SET k v EX 100 EX 200
                TTL k
                SET k v2 KEEPTTL
                TTL k
                SET k v3
                TTL k
                SETEX k 100 v2
                TTL k
                PSETEX k 100000 v3
                TTL k
                GETSET k v4
                TTL k
                SET k v EX 100
                INCR k
                SET k 10 EX 100
                INCR k
                INCRBYFLOAT k 1.5
                APPEND k 1
                SETRANGE k 0 2
                TTL k
                GETEX k EX 100
                TTL k
                GETEX k PX 200000
                TTL k
                GETEX k PERSIST PERSIST
                TTL k
                GETEX k EXAT 9999999999
                TTL k
                SET k v EXAT 9999999999 GET
                TTL k
                MSET k x
                TTL k
                """);
    }

    @Test
    void encodingNamesMatchRedisForStoredValues() {
        String[] values = {"0", "123", "-123", "0123", "-0", "+1", " 1", "1.5", "9223372036854775807",
                "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "12345678901234567890123",
                "a".repeat(44), "a".repeat(45), "", "hello"};
        for (String v : values) {
            redis.call("SET", "k", v);
            String expected = redis.callText("OBJECT", "ENCODING", "k");
            String actual = StringEncoding.of(v.getBytes(StandardCharsets.US_ASCII));
            assertThat(expected).as("encoding of '%s'", v).isEqualTo("$" + actual.length() + "\r\n" + actual + "\r\n");
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
