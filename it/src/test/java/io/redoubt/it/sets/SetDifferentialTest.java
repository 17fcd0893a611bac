package io.redoubt.it.sets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.it.hashes.RedoubtProbe;
import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Set commands against Redis 7.0.15: replies byte for byte, encodings, and random-reply invariants. */
class SetDifferentialTest extends DifferentialTest {

    @BeforeEach
    void emptyRedoubt() {
        RedoubtProbe.flush();
    }

    @AfterEach
    void restoreDefaults() {
        RedoubtProbe.config(redis, "set-max-intset-entries", "512");
    }

    @Test
    void intsetRepliesMatchInOrder() {
        sameScript("""
                SADD s 5 -3 100 0 7 5
                SMEMBERS s
                SADD s 9223372036854775807 -9223372036854775808
                SMEMBERS s
                SCARD s
                SCARD missing
                SISMEMBER s 7
                SISMEMBER s 8
                SISMEMBER s abc
                SISMEMBER missing 1
                SMISMEMBER s 7 8 abc 100
                SMISMEMBER missing 1 2
                SREM s 7 8 abc
                SMEMBERS s
                SREM missing 1
                SREM s 5 -3 100 0 9223372036854775807 -9223372036854775808
                EXISTS s
                SMEMBERS missing
                """);
        assertThat(RedoubtProbe.encoding("s")).isNull();
    }

    @Test
    void resp3Shapes() {
        resp3();
        sameScript("""
                SADD s 3 1 2
                SMEMBERS s
                SMEMBERS missing
                SINTER s s
                SUNION s missing
                SDIFF s missing
                SPOP missing 3
                SPOP s 0
                SRANDMEMBER s 0
                SRANDMEMBER s 10
                SRANDMEMBER missing 3
                SRANDMEMBER missing
                SPOP missing
                SMISMEMBER s 1 9
                SSCAN s 0
                SPOP s 10
                EXISTS s
                """);
    }

    @Test
    void wrongTypeAndArity() {
        sameScript("""
                SET str v
                SADD s 1 2
                SADD str a
                SREM str a
                SMEMBERS str
                SISMEMBER str a
                SMISMEMBER str a
                SCARD str
                SPOP str
                SPOP str 2
                SRANDMEMBER str
                SRANDMEMBER str 2
                SMOVE str s 1
                SMOVE s str 1
                SMOVE s str 9
                SMOVE missing str 1
                SINTER s str
                SINTER missing str
                SUNION missing str
                SDIFF s str
                SDIFF missing str
                SINTERCARD 2 s str
                SINTERSTORE d s str
                SUNIONSTORE d s str
                SDIFFSTORE d missing str
                SSCAN str 0
                SADD s
                SREM s
                SMEMBERS
                SISMEMBER s
                SMISMEMBER s
                SCARD
                SPOP
                SPOP s 1 2
                SRANDMEMBER s 1 2
                SMOVE s d
                SINTER
                SINTERCARD 1
                SINTERSTORE d
                SSCAN s
                SMEMBERS s
                GET str
                """);
    }

    @Test
    void countErrors() {
        sameScript("""
                SADD s 1 2 3
                SPOP s abc
                SPOP s -1
                SPOP s 1.5
                SPOP s 0
                SRANDMEMBER s abc
                SRANDMEMBER s -9223372036854775808
                SRANDMEMBER s 0
                SRANDMEMBER s 9223372036854775807
                SINTERCARD 0 s
                SINTERCARD x s
                SINTERCARD -1 s
                SINTERCARD 3 s s
                SINTERCARD 1 s LIMIT -1
                SINTERCARD 1 s LIMIT x
                SINTERCARD 1 s LIMIT
                SINTERCARD 1 s FOO 1
                SINTERCARD 2 s s LIMIT 0
                SINTERCARD 2 s s LIMIT 2
                SINTERCARD 2 s s LIMIT 9
                SINTERCARD 2 s missing
                SSCAN s abc
                SSCAN s 0 COUNT 0
                SSCAN s 0 COUNT x
                SSCAN s 0 BOGUS
                SSCAN missing 0
                """);
    }

    @Test
    void algebraOnIntsetsMatchesInOrder() {
        sameScript("""
                SADD a 1 2 3 4 5 6
                SADD b 4 5 6 7 8
                SADD c 6 8 10
                SINTER a b
                SINTER a b c
                SINTER a missing
                SINTER a a
                SUNION a b c
                SUNION missing a
                SDIFF a b
                SDIFF a b c
                SDIFF a a
                SDIFF a missing
                SDIFF missing a
                SINTERCARD 2 a b
                SINTERCARD 3 a b c LIMIT 1
                SINTERSTORE d a b
                SMEMBERS d
                SINTERSTORE d a missing
                EXISTS d
                SUNIONSTORE d a c
                SMEMBERS d
                SDIFFSTORE d a a
                EXISTS d
                SDIFFSTORE d b a
                SMEMBERS d
                SET d str
                SUNIONSTORE d a
                SMEMBERS d
                SINTERSTORE a a b
                SMEMBERS a
                """);
        assertEncoding("d", "intset");
    }

    @Test
    void algebraOnHashtablesMatchesWhenSorted() {
        sameScript("""
                SADD a x y z 1 2
                SADD b y z w 2
                SADD c z q
                """);
        assertEncoding("a", "hashtable");
        for (String[] command : List.of(
                new String[] {"SINTER", "a", "b"}, new String[] {"SUNION", "a", "b", "c"},
                new String[] {"SDIFF", "a", "b"}, new String[] {"SDIFF", "a", "c", "missing"},
                new String[] {"SMEMBERS", "a"})) {
            assertSameSorted(command);
        }
        sameScript("""
                SINTERCARD 3 a b c
                SINTERSTORE d a b
                SCARD d
                SDIFFSTORE e a b
                SCARD e
                SUNIONSTORE u a b c
                SCARD u
                """);
        assertEncoding("e", "hashtable");
        assertSameSorted("SMEMBERS", "e");
        assertEncoding("u", "hashtable");
        assertSameSorted("SMEMBERS", "u");
        // only integers left: the first SDIFF algorithm builds an intset, the second (chosen when the
        // other sets are small) starts from the whole first set and so stays a hashtable
        sameScript("""
                SADD p x 1 2 3 4 5 6 7
                SADD q x
                SADD r 7
                SADD a2 2 1 y
                SINTERSTORE i1 p a2
                SMEMBERS i1
                SDIFFSTORE d1 p q
                SMEMBERS d1
                SDIFFSTORE d2 p q r
                SCARD d2
                """);
        assertEncoding("i1", "intset");
        assertEncoding("d1", "intset");
        assertEncoding("d2", "hashtable");
        assertSameSorted("SMEMBERS", "d2");
        assertSameSorted("SDIFF", "p", "q", "r");
    }

    @Test
    void smoveMovesAndCleansUp() {
        sameScript("""
                SADD a 1 2
                SADD b x
                SMOVE a b 1
                SMEMBERS a
                SISMEMBER b 1
                SMOVE a b 9
                SMOVE a a 2
                SMOVE a a 9
                SMOVE a c 2
                EXISTS a
                SMEMBERS c
                SMOVE missing c 1
                SMOVE c n abc
                SMOVE b c x
                SCARD c
                """);
        assertEncoding("c", "hashtable");
    }

    @Test
    void intsetEncodingAtExactThresholds() {
        RedoubtProbe.config(redis, "set-max-intset-entries", "4");
        same("SADD", "s", "1", "2", "3", "4");
        assertEncoding("s", "intset");
        same("SADD", "s", "5");
        assertEncoding("s", "hashtable");
        same("SREM", "s", "5", "4");
        assertEncoding("s", "hashtable"); // never converts back
        assertSameSorted("SMEMBERS", "s");
        same("SADD", "t", "1");
        same("SADD", "t", "01");
        assertEncoding("t", "hashtable"); // "01" is not an integer in Redis's eyes
        same("SADD", "u", "abc");
        assertEncoding("u", "hashtable");
        same("SADD", "v", "-0");
        assertEncoding("v", "hashtable");
        same("SADD", "w", "9223372036854775808");
        assertEncoding("w", "hashtable");
        sameScript("""
                SADD x 1 2 3
                SADD y 4 5 6
                SUNIONSTORE z x y
                """);
        assertEncoding("z", "hashtable");
        RedoubtProbe.config(redis, "set-max-intset-entries", "0");
        same("SADD", "zero", "1");
        assertEncoding("zero", "hashtable");
    }

    @Test
    void binaryMembers() {
        byte[] key = bytes("bin");
        byte[] m1 = {0, (byte) 0xff, '\r', '\n'};
        byte[] m2 = new byte[0];
        same(bytes("SADD"), key, m1, m2, m1);
        same(bytes("SCARD"), key);
        same(bytes("SISMEMBER"), key, m1);
        same(bytes("SISMEMBER"), key, m2);
        same(bytes("SREM"), key, m1);
        same(bytes("SMEMBERS"), key);
        same(bytes("SMOVE"), key, bytes("other"), m2);
        same(bytes("EXISTS"), key);
    }

    @Test
    void sscanReturnsIntsetsWholeAndWalksHashtables() {
        sameScript("""
                SADD small 10 2 33 1
                SSCAN small 0
                SSCAN small 77 COUNT 1
                SSCAN small 0 MATCH 1*
                SSCAN small 0 MATCH *
                """);
        Set<String> expected = new HashSet<>();
        List<String> args = new ArrayList<>(List.of("SADD", "big"));
        for (int i = 0; i < 700; i++) {
            args.add("m" + i);
            expected.add("m" + i);
        }
        same(args.toArray(new String[0]));
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            List<String> parts = RedoubtProbe.bulks(redoubt.callText("SSCAN", "big", cursor, "COUNT", "25"));
            cursor = parts.get(0);
            seen.addAll(parts.subList(1, parts.size()));
            assertThat(++calls).isLessThan(1000);
        } while (!cursor.equals("0"));
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void spopAndSrandmemberInvariants() {
        List<String> args = new ArrayList<>(List.of("SADD", "ints"));
        Set<String> ints = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            args.add(Integer.toString(i * 3));
            ints.add(Integer.toString(i * 3));
        }
        same(args.toArray(new String[0]));
        same("SRANDMEMBER", "ints", "30");
        same("SRANDMEMBER", "ints", "1000");
        for (String count : List.of("1", "5", "11", "29")) {
            List<String> got = RedoubtProbe.bulks(redoubt.callText("SRANDMEMBER", "ints", count));
            assertThat(got).hasSize(Integer.parseInt(count)).doesNotHaveDuplicates();
            assertThat(ints).containsAll(got);
        }
        List<String> repeated = RedoubtProbe.bulks(redoubt.callText("SRANDMEMBER", "ints", "-100"));
        assertThat(repeated).hasSize(100);
        assertThat(ints).containsAll(repeated);
        assertThat(ints).contains(RedoubtProbe.bulks(redoubt.callText("SRANDMEMBER", "ints")).get(0));

        Set<String> left = new HashSet<>(ints);
        List<String> popped = RedoubtProbe.bulks(redoubt.callText("SPOP", "ints", "10"));
        assertThat(popped).hasSize(10).doesNotHaveDuplicates();
        assertThat(left).containsAll(popped);
        popped.forEach(left::remove);
        String one = RedoubtProbe.bulks(redoubt.callText("SPOP", "ints")).get(0);
        assertThat(left.remove(one)).isTrue();
        assertThat(redoubt.callText("SCARD", "ints")).isEqualTo(":19\r\n");
        List<String> rest = RedoubtProbe.bulks(redoubt.callText("SPOP", "ints", "100"));
        assertThat(new HashSet<>(rest)).isEqualTo(left);
        assertThat(redoubt.callText("EXISTS", "ints")).isEqualTo(":0\r\n");

        // popping a whole intset returns it sorted, as Redis does
        sameScript("""
                SADD s 9 3 7 1
                SPOP s 4
                EXISTS s
                SADD t 5
                SPOP t
                EXISTS t
                """);

        List<String> words = new ArrayList<>(List.of("SADD", "words"));
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            words.add("w" + i);
            all.add("w" + i);
        }
        same(words.toArray(new String[0]));
        for (String count : List.of("3", "40", "99")) {
            List<String> got = RedoubtProbe.bulks(redoubt.callText("SRANDMEMBER", "words", count));
            assertThat(got).hasSize(Integer.parseInt(count)).doesNotHaveDuplicates();
            assertThat(all).containsAll(got);
        }
        List<String> drained = new ArrayList<>();
        drained.addAll(RedoubtProbe.bulks(redoubt.callText("SPOP", "words", "60")));
        drained.addAll(RedoubtProbe.bulks(redoubt.callText("SPOP", "words", "60")));
        assertThat(drained).hasSize(100).doesNotHaveDuplicates();
        assertThat(new HashSet<>(drained)).isEqualTo(all);
        assertThat(redoubt.callText("EXISTS", "words")).isEqualTo(":0\r\n");
    }

    @Test
    void memoryAccountingReturnsToBaselineWhenSetsGo() {
        long baseline = RedoubtProbe.usedMemory();
        List<String> ints = new ArrayList<>(List.of("SADD", "i"));
        List<String> words = new ArrayList<>(List.of("SADD", "w"));
        for (int i = 0; i < 300; i++) {
            ints.add(Integer.toString(i));
            words.add("w" + i);
        }
        redoubt.callText(ints.toArray(new String[0]));
        redoubt.callText(words.toArray(new String[0]));
        assertThat(RedoubtProbe.usedMemory()).isGreaterThan(baseline + 300 * 8);
        redoubt.callText("SINTERSTORE", "x", "i", "i");
        redoubt.callText("SUNIONSTORE", "x", "i", "w");
        redoubt.callText("SMOVE", "w", "m", "w1");
        redoubt.callText("SADD", "i", "not-an-int");
        redoubt.callText("SPOP", "i", "10");
        redoubt.callText("SPOP", "i");
        redoubt.callText("SREM", "w", "w2", "w3");
        assertThat(redoubt.callText("SPOP", "i", "1000")).startsWith("*290\r\n");
        assertThat(redoubt.callText("SPOP", "w", "1000")).startsWith("*297\r\n");
        assertThat(redoubt.callText("SPOP", "x", "1000")).startsWith("*600\r\n");
        assertThat(redoubt.callText("SPOP", "m")).isEqualTo("$2\r\nw1\r\n");
        assertThat(RedoubtProbe.usedMemory()).isEqualTo(baseline);
    }

    private void assertEncoding(String key, String expected) {
        RedoubtProbe.assertEncoding(redis, key, expected);
    }

    private void assertSameSorted(String... command) {
        String[] replies = both(command);
        List<String> expected = new ArrayList<>(RedoubtProbe.bulks(replies[0]));
        List<String> actual = new ArrayList<>(RedoubtProbe.bulks(replies[1]));
        expected.sort(null);
        actual.sort(null);
        assertThat(actual).as("sorted reply to %s", String.join(" ", command)).isEqualTo(expected);
        assertThat(replies[1].substring(0, replies[1].indexOf("\r\n")))
                .isEqualTo(replies[0].substring(0, replies[0].indexOf("\r\n")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
