package io.redoubt.it.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hash commands against Redis 7.0.15: replies byte for byte, encodings, and random-reply invariants. */
class HashDifferentialTest extends DifferentialTest {

    @BeforeEach
    void emptyRedoubt() {
        RedoubtProbe.flush();
    }

    @AfterEach
    void restoreDefaults() {
        RedoubtProbe.config(redis, "hash-max-listpack-entries", "128");
        RedoubtProbe.config(redis, "hash-max-listpack-value", "64");
    }

    @Test
    void listpackRepliesMatchInOrder() {
        sameScript("""
                HSET h z 1 a 2 m 3
                HSET h a 20 b 4
                HGETALL h
                HKEYS h
                HVALS h
                HGET h a
                HGET h nope
                HGET missing a
                HMGET h z nope a
                HMGET missing a b
                HMSET h c 5 z 10
                HGETALL h
                HSETNX h c 6
                HSETNX h d 7
                HEXISTS h d
                HEXISTS h nope
                HEXISTS missing a
                HLEN h
                HLEN missing
                HSTRLEN h z
                HSTRLEN h nope
                HSTRLEN missing z
                HDEL h a nope
                HGETALL h
                HDEL h z b c d m
                EXISTS h
                HDEL missing a
                HGETALL missing
                HKEYS missing
                HVALS missing
                HSET h "" ""
                HGETALL h
                HDEL h ""
                EXISTS h
                """);
    }

    @Test
    void resp3Shapes() {
        resp3();
        sameScript("""
                HSET h f1 v1 f2 v2
                HGETALL h
                HGETALL missing
                HRANDFIELD h 5 WITHVALUES
                HRANDFIELD h 2
                HRANDFIELD missing
                HRANDFIELD missing 3
                HRANDFIELD h 0 WITHVALUES
                HSCAN h 0
                HMGET h f1 x
                """);
    }

    @Test
    void wrongTypeAndArity() {
        sameScript("""
                SET s v
                HSET s a b
                HSETNX s a b
                HMSET s a b
                HGET s a
                HMGET s a
                HDEL s a
                HEXISTS s a
                HLEN s
                HSTRLEN s a
                HKEYS s
                HVALS s
                HGETALL s
                HINCRBY s a 1
                HINCRBYFLOAT s a 1
                HRANDFIELD s
                HRANDFIELD s 2
                HSCAN s 0
                HSET h a
                HSET h a b c
                HMSET h a b c
                HSET h
                HGET h
                HDEL h
                HLEN
                HSETNX h a
                HINCRBY h a
                HINCRBYFLOAT h a 1 2
                HSCAN h
                HRANDFIELD
                EXISTS h
                GET s
                """);
    }

    @Test
    void hincrbyLimitsAndErrors() {
        sameScript("""
                HINCRBY h n 5
                HINCRBY h n -15
                HINCRBY h n abc
                HINCRBY h n 1.5
                HINCRBY h n ""
                HSET h max 9223372036854775807 min -9223372036854775808 text hello float 1.5 spaced " 1"
                HINCRBY h max 1
                HINCRBY h max 0
                HINCRBY h max -1
                HINCRBY h min -1
                HINCRBY h min 1
                HINCRBY h text 1
                HINCRBY h float 1
                HINCRBY h spaced 1
                HINCRBY h n 9223372036854775808
                HINCRBY h n -9223372036854775808
                HGETALL h
                """);
    }

    @Test
    void hincrbyfloatUsesLongDoubleAndHumanFormat() {
        sameScript("""
                HINCRBYFLOAT h f 1.1
                HINCRBYFLOAT h f 2.2
                HINCRBYFLOAT h f -3.3
                HINCRBYFLOAT h g 0.1
                HINCRBYFLOAT h g 0.2
                HINCRBYFLOAT h big 1e300
                HINCRBYFLOAT h big 1
                HINCRBYFLOAT h huge 1e400
                HINCRBYFLOAT h hex 0x10
                HINCRBYFLOAT h hex 0x1.8p1
                HINCRBYFLOAT h tiny 1e-20
                HINCRBYFLOAT h neg -0.0
                HINCRBYFLOAT h third 3.0e3
                HINCRBYFLOAT h third 5.0e-3
                HINCRBYFLOAT h third .5
                HINCRBYFLOAT h third 5.
                HINCRBYFLOAT h third +1
                HINCRBYFLOAT h x inf
                HINCRBYFLOAT h x -infinity
                HINCRBYFLOAT h x nan
                HINCRBYFLOAT h x abc
                HINCRBYFLOAT h x 1e5000
                HINCRBYFLOAT h x 1e-5000
                HINCRBYFLOAT h x " 1"
                HINCRBYFLOAT h x "1 "
                HINCRBYFLOAT h x 1e
                HINCRBYFLOAT h x ""
                HSET h text hello i 10 lim 1e4931
                HINCRBYFLOAT h text 1
                HINCRBYFLOAT h i 0.5
                HINCRBYFLOAT h lim 1e4931
                HINCRBYFLOAT h lim -1e4931
                HSET h lim2 9e4931
                HINCRBYFLOAT h lim2 9e4931
                HGET h lim2
                HINCRBYFLOAT h i 1.23456789012345678901234567890
                HINCRBYFLOAT h i 12345678901234567890
                HINCRBYFLOAT h i -12345678901234567890.5
                HGET h i
                """);
        assertEncoding("h", "hashtable"); // the 401-digit value is longer than hash-max-listpack-value
        assertSameSortedPairs("HGETALL", "h");
    }

    @Test
    void binaryFieldsAndValues() {
        byte[] key = bytes("bin");
        byte[] f1 = {0, (byte) 0xff, '\r', '\n', 7};
        byte[] v1 = {(byte) 0x80, 0, 0, '\n'};
        byte[] f2 = new byte[0];
        same(bytes("HSET"), key, f1, v1, f2, f1);
        same(bytes("HGETALL"), key);
        same(bytes("HGET"), key, f1);
        same(bytes("HSTRLEN"), key, f1);
        same(bytes("HEXISTS"), key, f2);
        same(bytes("HDEL"), key, f1);
        same(bytes("HGETALL"), key);
    }

    @Test
    void encodingFollowsEntryLimitBothWays() {
        RedoubtProbe.config(redis, "hash-max-listpack-entries", "4");
        sameScript("""
                HSET h a 1 b 2 c 3 d 4
                HGETALL h
                """);
        assertEncoding("h", "listpack");
        same("HSET", "h", "e", "5");
        assertEncoding("h", "hashtable");
        same("HDEL", "h", "e", "d");
        assertEncoding("h", "hashtable"); // never converts back
        same("HLEN", "h");
        assertSameSortedPairs("HGETALL", "h");
        // exactly at the limit through HSETNX and HINCRBY
        sameScript("""
                HSET k a 1 b 2 c 3
                HSETNX k d 4
                """);
        assertEncoding("k", "listpack");
        same("HINCRBY", "k", "e", "1");
        assertEncoding("k", "hashtable");
        RedoubtProbe.config(redis, "hash-max-listpack-entries", "0");
        same("HSET", "z", "a", "1");
        assertEncoding("z", "hashtable");
    }

    @Test
    void encodingFollowsValueLengthLimit() {
        RedoubtProbe.config(redis, "hash-max-listpack-value", "8");
        String eight = "12345678";
        String nine = "123456789";
        same("HSET", "h", eight, eight);
        assertEncoding("h", "listpack");
        same("HSET", "v", "f", nine);
        assertEncoding("v", "hashtable");
        same("HSET", "f", nine, "x");
        assertEncoding("f", "hashtable");
        same("HSETNX", "n", "f", nine);
        assertEncoding("n", "hashtable");
        same("HSET", "i", "a", "1");
        same("HINCRBYFLOAT", "i", nine, "1.5");
        assertEncoding("i", "hashtable");
        same("HSET", "j", "a", "1");
        same("HINCRBY", "j", "a", "123456789");
        assertEncoding("j", "hashtable");
        // a long value in a pair that only updates still converts, as hashTypeTryConversion does
        same("HSET", "u", "a", "1");
        same("HSET", "u", "a", nine);
        assertEncoding("u", "hashtable");
        same("HGET", "u", "a");
    }

    @Test
    void hashtableRepliesMatchWhenSorted() {
        List<String> args = new ArrayList<>(List.of("HSET", "big"));
        for (int i = 0; i < 300; i++) {
            args.add("field:" + i);
            args.add("value:" + (i * 7));
        }
        same(args.toArray(new String[0]));
        assertEncoding("big", "hashtable");
        assertSameSortedPairs("HGETALL", "big");
        String[] keys = both("HKEYS", "big");
        assertThat(sorted(RedoubtProbe.bulks(keys[1]))).isEqualTo(sorted(RedoubtProbe.bulks(keys[0])));
        same("HLEN", "big");
        same("HGET", "big", "field:299");
        same("HMGET", "big", "field:0", "nope", "field:150");
        same("HDEL", "big", "field:0", "field:1");
        same("HLEN", "big");
    }

    @Test
    void hscanReturnsSmallHashesWholeAndWalksLargeOnes() {
        sameScript("""
                HSET small a 1 b 2 ab 3
                HSCAN small 0
                HSCAN small 0 MATCH a*
                HSCAN small 123 COUNT 1
                HSCAN small 0 MATCH *
                HSCAN small -1
                HSCAN small +0
                HSCAN small abc
                HSCAN small 18446744073709551616
                HSCAN small 0 COUNT 0
                HSCAN small 0 COUNT x
                HSCAN small 0 MATCH
                HSCAN small 0 BOGUS 1
                HSCAN missing 0 COUNT 0
                HSCAN missing abc
                """);
        Map<String, String> expected = new HashMap<>();
        List<String> args = new ArrayList<>(List.of("HSET", "big"));
        for (int i = 0; i < 500; i++) {
            args.add("f" + i);
            args.add("v" + i);
            expected.put("f" + i, "v" + i);
        }
        same(args.toArray(new String[0]));
        Map<String, String> seen = new HashMap<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> parts = RedoubtProbe.bulks(redoubt.callText("HSCAN", "big", cursor, "COUNT", "20"));
            cursor = parts.get(0);
            for (int i = 1; i < parts.size(); i += 2) {
                seen.put(parts.get(i), parts.get(i + 1));
            }
            assertThat(++calls).isLessThan(1000);
        } while (!cursor.equals("0"));
        assertThat(seen).isEqualTo(expected);
        // MATCH filters a hashtable scan too
        Set<String> matched = new HashSet<>();
        cursor = "0";
        do {
            List<String> parts = RedoubtProbe.bulks(redoubt.callText("HSCAN", "big", cursor, "MATCH", "f1?"));
            cursor = parts.get(0);
            for (int i = 1; i < parts.size(); i += 2) {
                matched.add(parts.get(i));
            }
        } while (!cursor.equals("0"));
        assertThat(matched).hasSize(10).allMatch(f -> f.matches("f1\\d"));
    }

    @Test
    void hrandfieldInvariants() {
        sameScript("""
                HSET h a 1 b 2 c 3 d 4 e 5
                HRANDFIELD h 5
                HRANDFIELD h 50
                HRANDFIELD h 5 WITHVALUES
                HRANDFIELD h 0
                HRANDFIELD h abc
                HRANDFIELD h -9223372036854775808
                HRANDFIELD h 1 WITHVALUES x
                HRANDFIELD h 1 BOGUS
                HRANDFIELD h abc WITHVALUES x
                HRANDFIELD h -4611686018427387904 WITHVALUES
                HRANDFIELD h 4611686018427387904 WITHVALUES
                HRANDFIELD missing 5
                HRANDFIELD missing
                """);
        Set<String> fields = Set.of("a", "b", "c", "d", "e");
        for (String count : List.of("1", "2", "3", "4")) {
            List<String> got = RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "h", count));
            assertThat(got).hasSize(Integer.parseInt(count)).doesNotHaveDuplicates();
            assertThat(fields).containsAll(got);
        }
        List<String> repeated = RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "h", "-20"));
        assertThat(repeated).hasSize(20);
        assertThat(fields).containsAll(repeated);
        List<String> pairs = RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "h", "-7", "WITHVALUES"));
        assertThat(pairs).hasSize(14);
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(pairs.get(i + 1)).isEqualTo(Integer.toString(pairs.get(i).charAt(0) - 'a' + 1));
        }
        assertThat(fields).contains(RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "h")).get(0));
        // the same on a hashtable, including the "copy and remove" and "pick until distinct" cases
        List<String> args = new ArrayList<>(List.of("HSET", "big"));
        Set<String> bigFields = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            args.add("f" + i);
            args.add("v" + i);
            bigFields.add("f" + i);
        }
        same(args.toArray(new String[0]));
        for (String count : List.of("10", "100", "199", "200", "500")) {
            List<String> got = RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "big", count, "WITHVALUES"));
            int n = Math.min(Integer.parseInt(count), 200);
            assertThat(got).hasSize(2 * n);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < got.size(); i += 2) {
                names.add(got.get(i));
                assertThat(got.get(i + 1)).isEqualTo("v" + got.get(i).substring(1));
            }
            assertThat(names).doesNotHaveDuplicates();
            assertThat(bigFields).containsAll(names);
        }
        assertThat(RedoubtProbe.bulks(redoubt.callText("HRANDFIELD", "big", "-300"))).hasSize(300);
    }

    @Test
    void memoryAccountingReturnsToBaselineWhenHashesGo() {
        long baseline = RedoubtProbe.usedMemory();
        List<String> args = new ArrayList<>(List.of("HSET", "h"));
        List<String> del = new ArrayList<>(List.of("HDEL", "h"));
        for (int i = 0; i < 200; i++) {
            args.add("f" + i);
            args.add("v".repeat(i % 10));
            del.add("f" + i);
        }
        redoubt.callText(args.toArray(new String[0]));
        long full = RedoubtProbe.usedMemory();
        assertThat(full).isGreaterThan(baseline + 200 * 16);
        redoubt.callText("HINCRBYFLOAT", "h", "x", "1e300");
        redoubt.callText("HINCRBY", "h", "n", "5");
        redoubt.callText("HSET", "small", "a", "1", "b", "22");
        redoubt.callText("HSET", "small", "a", "1".repeat(100));
        del.add("x");
        del.add("n");
        assertThat(redoubt.callText(del.toArray(new String[0]))).isEqualTo(":202\r\n");
        assertThat(redoubt.callText("HDEL", "small", "a", "b")).isEqualTo(":2\r\n");
        assertThat(RedoubtProbe.usedMemory()).isEqualTo(baseline);
    }

    private void assertEncoding(String key, String expected) {
        RedoubtProbe.assertEncoding(redis, key, expected);
    }

    private void assertSameSortedPairs(String... command) {
        String[] replies = both(command);
        assertThat(sortedPairs(RedoubtProbe.bulks(replies[1]))).isEqualTo(sortedPairs(RedoubtProbe.bulks(replies[0])));
        assertThat(replies[1].substring(0, replies[1].indexOf("\r\n")))
                .isEqualTo(replies[0].substring(0, replies[0].indexOf("\r\n")));
    }

    private static List<String> sortedPairs(List<String> flat) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2) {
            pairs.add(flat.get(i) + "=" + flat.get(i + 1));
        }
        return sorted(pairs);
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
