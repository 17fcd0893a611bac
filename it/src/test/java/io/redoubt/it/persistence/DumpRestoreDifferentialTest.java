package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DUMP payloads cross between Redis 7.0.15 and Redoubt in both directions, and RESTORE refuses what
 * Redis refuses with the same error bytes, leaving no key behind.
 */
class DumpRestoreDifferentialTest extends DifferentialTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bulk payload of a DUMP reply. */
    private static byte[] payload(byte[] reply) {
        int eol = 0;
        while (reply[eol] != '\r') {
            eol++;
        }
        int len = Integer.parseInt(new String(reply, 1, eol - 1, StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOfRange(reply, eol + 2, eol + 2 + len);
    }

    @Test
    void payloadsRestoreAcrossServersInBothDirections() {
        DataSet.write(redis);
        DataSet.write(redoubt);
        List<String> keys = DataSet.strings(redis.call("KEYS", "*"));
        assertThat(keys).hasSizeGreaterThanOrEqualTo(20);
        for (String k : keys) {
            byte[] fromRedis = payload(redis.call("DUMP", k));
            byte[] fromRedoubt = payload(redoubt.call("DUMP", k));
            assertThat(new String(redoubt.call(b("RESTORE"), b("r:" + k), b("0"), fromRedis), StandardCharsets.UTF_8))
                    .as("Redis's DUMP of %s restored on Redoubt", k).isEqualTo("+OK\r\n");
            assertThat(new String(redis.call(b("RESTORE"), b("r:" + k), b("0"), fromRedoubt), StandardCharsets.UTF_8))
                    .as("Redoubt's DUMP of %s restored on Redis", k).isEqualTo("+OK\r\n");
        }
        // every restored key equals its source on both servers; then drop the sources and compare
        for (String k : keys) {
            redis.call("DEL", k);
            redoubt.call("DEL", k);
        }
        redis.call("PERSIST", "r:ttl");
        redoubt.call("PERSIST", "r:ttl");
        assertThat(DataSet.render(redoubt).replace("r:", "")).isEqualTo(DataSet.render(redis).replace("r:", ""));
    }

    @Test
    void identicalSmallValuesDumpToIdenticalBytes() {
        sameScript("""
                SET s hello
                SET n 12345
                RPUSH l a b 3 -4 5000
                SADD i 1 2 3 -70000
                HSET h f v g 17
                ZADD z 1 a 2.5 b -3 c
                """);
        for (String k : new String[] {"s", "n", "l", "i", "h", "z"}) {
            same("DUMP", k);
        }
        same("DUMP", "missing");
    }

    @Test
    void restoreOptionsAndErrorsMatchRedis() {
        redis.call("SET", "src", "value");
        redoubt.call("SET", "src", "value");
        byte[] good = payload(redis.call("DUMP", "src"));
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 1] ^= 1;
        byte[] badVersion = good.clone();
        badVersion[badVersion.length - 10] = 11;
        // a body that parses as a type byte of 0 (string) with a length running past the end, correct footer
        byte[] badBody = footer(new byte[] {0, 0x3f, 'x'});
        byte[] unknownType = footer(new byte[] {42, 1, 'x'});
        same(b("RESTORE"), b("k"), b("0"), badCrc);
        same(b("RESTORE"), b("k"), b("0"), badVersion);
        same(b("RESTORE"), b("k"), b("0"), badBody);
        same(b("RESTORE"), b("k"), b("0"), unknownType);
        same(b("RESTORE"), b("k"), b("0"), b("short"));
        same("EXISTS", "k");
        same(b("RESTORE"), b("src"), b("0"), good);
        same(b("RESTORE"), b("k"), b("-1"), good);
        same(b("RESTORE"), b("k"), b("x"), good);
        same(b("RESTORE"), b("k"), b("0"), good, b("IDLETIME"), b("-1"));
        same(b("RESTORE"), b("k"), b("0"), good, b("FREQ"), b("256"));
        same(b("RESTORE"), b("k"), b("0"), good, b("IDLETIME"), b("1"), b("FREQ"), b("2"));
        same(b("RESTORE"), b("k"), b("0"), good, b("BOGUS"));
        same(b("RESTORE"), b("k"), b("0"), good, b("IDLETIME"));
        same("EXISTS", "k");
        same(b("RESTORE"), b("k"), b("0"), good, b("IDLETIME"), b("100"));
        same("OBJECT", "IDLETIME", "k");
        same(b("RESTORE"), b("src"), b("100000"), good, b("REPLACE"));
        same("TTL", "src");
        same(b("RESTORE"), b("src"), b("1"), good, b("REPLACE"), b("ABSTTL"));
        same("EXISTS", "src");
        same(b("RESTORE"), b("abs"), b(Long.toString(System.currentTimeMillis() + 100_000_000L)), good, b("ABSTTL"));
        same("TTL", "abs");
        same("GET", "abs");
    }

    private static byte[] footer(byte[] body) {
        byte[] out = java.util.Arrays.copyOf(body, body.length + 10);
        out[body.length] = 10;
        long crc = crc64(out, body.length + 2);
        for (int i = 0; i < 8; i++) {
            out[body.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    private static long crc64(byte[] b, int len) {
        long crc = 0;
        for (int i = 0; i < len; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95ac9329ac4bc9b5L : crc >>> 1;
            }
        }
        return crc;
    }
}
