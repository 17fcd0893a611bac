package io.redoubt.it.hyperloglog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.it.strings.KeyReset;
import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HyperLogLog against Redis 7.0.15: the same PFADDs must leave the same bytes (GET compares the raw
 * sparse and dense representations, cached cardinality included) and give the same counts.
 */
class HyperLogLogDifferentialTest extends DifferentialTest {
    private static final String[] KEYS = {"h", "h1", "h2", "h3", "d", "s", "missing", "bad"};

    /** FLUSHALL may not exist in this branch's Redoubt: remove the keys these tests use. */
    @BeforeEach
    void clearKeys() {
        KeyReset.deleteOnBoth(redis, redoubt, KEYS);
    }

    @Test
    void sparseBytesAndCountsMatch() {
        sameScript("""
                PFADD h
                GET h
                PFCOUNT h
                PFADD h a b c
                GET h
                PFDEBUG DECODE h
                PFCOUNT h
                GET h
                PFADD h a
                PFADD h d e f g h i j
                PFDEBUG DECODE h
                PFDEBUG ENCODING h
                PFCOUNT h
                PFCOUNT h missing
                PFCOUNT missing
                PFADD h2 x y z a
                PFCOUNT h h2
                PFMERGE h3 h h2
                GET h3
                PFCOUNT h3
                PFMERGE h3
                GET h3
                PFMERGE missing
                GET missing
                """);
    }

    @Test
    void growingPastTheSparseLimitPromotesLikeRedis() {
        Random random = new Random(7);
        List<String> batch = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            batch.clear();
            batch.add("PFADD");
            batch.add("h");
            int n = 1 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                batch.add("e" + random.nextInt(100000));
            }
            same(batch.toArray(new String[0]));
            same("GET", "h");
            if (round % 5 == 0) {
                same("PFCOUNT", "h");
                same("GET", "h");
                same("PFDEBUG", "ENCODING", "h");
            }
        }
        same("PFCOUNT", "h");
        assertThat(same("PFDEBUG", "ENCODING", "h")).as("the test must cross the sparse limit").isEqualTo("+dense\r\n");
        same("PFADD", "s", "a", "b");
        same("PFMERGE", "d", "s", "h");
        same("GET", "d");
        same("PFCOUNT", "d");
        same("PFCOUNT", "s", "h", "missing");
    }

    /** Needs CONFIG SET, which lives in the server family: skipped where this Redoubt lacks it. */
    @Test
    void sparseLimitFollowsConfig() {
        assumeTrue(!redoubt.callText("CONFIG", "GET", "hll-sparse-max-bytes").startsWith("-ERR unknown command"),
                "CONFIG not in this branch");
        try {
            same("CONFIG", "SET", "hll-sparse-max-bytes", "40");
            for (int i = 0; i < 30; i++) {
                same("PFADD", "h", "x" + i);
                same("GET", "h");
            }
            assertThat(same("PFDEBUG", "ENCODING", "h")).isEqualTo("+dense\r\n");
        } finally {
            redis.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
            redoubt.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
        }
    }

    @Test
    void largeCardinalitiesMatch() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            List<String> batch = new ArrayList<>(List.of("PFADD", "h"));
            for (int i = 0; i < 1000; i++) {
                batch.add(Long.toHexString(random.nextLong()));
            }
            same(batch.toArray(new String[0]));
            same("PFCOUNT", "h");
        }
        same("GET", "h");
        same("PFADD", "h1", "x");
        same("PFMERGE", "h1", "h");
        same("GET", "h1");
        same("PFCOUNT", "h1", "h");
    }

    @Test
    void debugSubcommands() {
        sameScript("""
                PFADD h a b c
                PFDEBUG TODENSE h
                PFDEBUG ENCODING h
                PFDEBUG TODENSE h
                PFDEBUG DECODE h
                GET h
                PFCOUNT h
                PFADD h2 q
                PFDEBUG GETREG h2
                PFDEBUG ENCODING h2
                GET h2
                PFDEBUG BOGUS h
                PFDEBUG ENCODING missing
                PFDEBUG ENCODING
                PFSELFTEST
                PFSELFTEST x
                """);
    }

    @Test
    void notAnHllAndCorruptValues() {
        sameScript("""
                SET bad hello
                PFADD bad a
                PFCOUNT bad
                PFCOUNT bad missing
                PFMERGE h bad
                PFDEBUG ENCODING bad
                SET bad "HYLL\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                PFADD bad a
                PFCOUNT bad
                SET bad "HYLL\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"
                PFADD bad a
                SET bad "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x40\\x00"
                PFADD bad a
                PFCOUNT bad
                PFCOUNT bad h
                PFMERGE h bad
                SET bad "HYLL\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
                PFADD bad a
                SET bad "HYLX\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x7f\\xff"
                PFCOUNT bad
                SET bad "HYLL\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x80\\x7f\\xff"
                PFCOUNT bad
                GET bad
                PFADD
                PFCOUNT
                """);
    }

    @Test
    void binaryElementsHashLikeRedis() {
        byte[] key = "h".getBytes(StandardCharsets.US_ASCII);
        for (int len = 0; len < 40; len++) {
            byte[] element = new byte[len];
            for (int i = 0; i < len; i++) {
                element[i] = (byte) (255 - i * 7);
            }
            same("PFADD".getBytes(StandardCharsets.US_ASCII), key, element);
        }
        same("GET".getBytes(StandardCharsets.US_ASCII), key);
        same("PFCOUNT".getBytes(StandardCharsets.US_ASCII), key);
    }
}
