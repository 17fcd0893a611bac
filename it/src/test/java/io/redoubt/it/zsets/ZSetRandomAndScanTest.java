package io.redoubt.it.zsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ZRANDMEMBER and ZSCAN on large sets, where replies depend on randomness or hash order: checked by
 * invariants on both servers (errors and deterministic shapes still compared byte for byte).
 */
class ZSetRandomAndScanTest extends DifferentialTest {

    @BeforeEach
    void fill() {
        both("DEL", "small", "big", "s", "missing");
        same("SET", "s", "string");
        same("ZADD", "small", "1", "a", "2", "b", "3", "c");
        String[] add = new String[2 + 2 * 300];
        add[0] = "ZADD";
        add[1] = "big";
        for (int i = 0; i < 300; i++) {
            add[2 + 2 * i] = Integer.toString(i);
            add[3 + 2 * i] = "m" + i;
        }
        same(add);
    }

    @Test
    void deterministicCases() {
        sameScript("""
                ZRANDMEMBER missing
                ZRANDMEMBER missing 5
                ZRANDMEMBER missing -5 WITHSCORES
                ZRANDMEMBER small 0
                ZRANDMEMBER small 0 WITHSCORES
                ZRANDMEMBER small 3
                ZRANDMEMBER small 1 FOO
                ZRANDMEMBER small 1 WITHSCORES x
                ZRANDMEMBER small x
                ZRANDMEMBER small -9223372036854775808
                ZRANDMEMBER small 9223372036854775807 WITHSCORES
                ZRANDMEMBER small -9223372036854775807 WITHSCORES
                ZRANDMEMBER small 4611686018427387904 WITHSCORES
                ZRANDMEMBER s
                ZRANDMEMBER s 1
                ZRANDMEMBER missing 0 FOO
                """);
    }

    /** The members and scores of a flat RESP2 reply of bulk strings. */
    private static List<String> bulks(RespClient c, String... args) {
        String reply = c.callText(args);
        List<String> out = new ArrayList<>();
        String[] lines = reply.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("$")) {
                out.add(lines[++i]);
            }
        }
        return out;
    }

    @Test
    void randomMembersHonourCountAndDistinctness() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            List<String> one = bulks(c, "ZRANDMEMBER", "big");
            assertThat(one).hasSize(1);
            assertThat(one.get(0)).startsWith("m");

            List<String> distinct = bulks(c, "ZRANDMEMBER", "big", "50");
            assertThat(distinct).hasSize(50).doesNotHaveDuplicates().allMatch(m -> m.startsWith("m"));

            List<String> all = bulks(c, "ZRANDMEMBER", "big", "1000");
            assertThat(new HashSet<>(all)).hasSize(300);
            assertThat(all).hasSize(300);

            List<String> repeated = bulks(c, "ZRANDMEMBER", "small", "-50");
            assertThat(repeated).hasSize(50).allMatch(m -> Set.of("a", "b", "c").contains(m));

            List<String> withScores = bulks(c, "ZRANDMEMBER", "big", "-40", "WITHSCORES");
            assertThat(withScores).hasSize(80);
            for (int i = 0; i < withScores.size(); i += 2) {
                assertThat(withScores.get(i)).isEqualTo("m" + withScores.get(i + 1));
            }
            List<String> distinctScores = bulks(c, "ZRANDMEMBER", "big", "40", "WITHSCORES");
            Set<String> members = new HashSet<>();
            for (int i = 0; i < distinctScores.size(); i += 2) {
                assertThat(distinctScores.get(i)).isEqualTo("m" + distinctScores.get(i + 1));
                members.add(distinctScores.get(i));
            }
            assertThat(members).hasSize(40);
        }
    }

    @Test
    void randomMemberRepliesInResp3PairScores() {
        resp3();
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            String reply = c.callText("ZRANDMEMBER", "small", "2", "WITHSCORES");
            assertThat(reply).startsWith("*2\r\n*2\r\n$1\r\n");
            assertThat(reply).contains("\r\n,");
        }
    }

    @Test
    void scanVisitsEveryMemberWithItsScore() {
        for (RespClient c : new RespClient[] {redis, redoubt}) {
            Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<String> reply = bulks(c, "ZSCAN", "big", cursor, "COUNT", "20");
                cursor = reply.get(0);
                for (int i = 1; i < reply.size(); i += 2) {
                    seen.put(reply.get(i), reply.get(i + 1));
                }
                calls++;
            } while (!cursor.equals("0") && calls < 1000);
            assertThat(cursor).isEqualTo("0");
            assertThat(calls).isGreaterThan(1);
            assertThat(seen).hasSize(300);
            seen.forEach((m, s) -> assertThat(m).isEqualTo("m" + s));

            Set<String> matched = new HashSet<>();
            cursor = "0";
            do {
                List<String> reply = bulks(c, "ZSCAN", "big", cursor, "MATCH", "m1?");
                cursor = reply.get(0);
                for (int i = 1; i < reply.size(); i += 2) {
                    matched.add(reply.get(i));
                }
            } while (!cursor.equals("0"));
            assertThat(matched).hasSize(10).allMatch(m -> m.matches("m1\\d"));
        }
    }
}
