package io.redoubt.it.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.RespClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SRANDMEMBER, SPOP, HRANDFIELD, ZRANDMEMBER and RANDOMKEY pick uniformly in every encoding: the test
 * Redis's own suite applies (a chi-square statistic of the picks' histogram under Redis's threshold,
 * 40 for ten values: a one-in-100,000 chance for a fair pick), run against both servers, with the same
 * data, so a Redoubt failure is a bias Redis does not have. Encodings are checked to be Redis's.
 */
@Timeout(120)
class RandomPickDistributionDifferentialTest extends DifferentialTest {
    /** Ten members: long ones force the hash-table and skiplist encodings. */
    private static List<String> members(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static final String LONG = "m".repeat(70);

    @Test
    void setsPickUniformly() {
        for (String prefix : new String[] {"", "m", LONG}) { // intset, hashtable (short and long members)
            List<String> args = new ArrayList<>(List.of("SADD", "s"));
            args.addAll(members(prefix.isEmpty() ? "" : prefix));
            same(args.toArray(new String[0]));
            same("OBJECT", "ENCODING", "s");
            for (RespClient c : clients()) {
                assertUniform(c, "SRANDMEMBER -1000", flat(c, 1, "SRANDMEMBER", "s", "-1000"));
                assertUniform(c, "SRANDMEMBER 3", flat(c, 300, "SRANDMEMBER", "s", "3"));
                assertUniform(c, "SRANDMEMBER 8", flat(c, 120, "SRANDMEMBER", "s", "8"));
                List<String> popped = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    c.send(args.toArray(new String[0]));
                    c.send("SPOP", "s");
                }
                for (int i = 0; i < 500; i++) {
                    c.readReply();
                    popped.addAll(bulks(c.readReplyText()));
                }
                assertUniform(c, "SPOP", popped);
                c.call(args.toArray(new String[0]));
            }
            same("DEL", "s");
        }
    }

    @Test
    void hashesPickUniformly() {
        for (String prefix : new String[] {"f", LONG}) { // listpack, hashtable
            List<String> args = new ArrayList<>(List.of("HSET", "h"));
            for (String f : members(prefix)) {
                args.add(f);
                args.add("v");
            }
            same(args.toArray(new String[0]));
            same("OBJECT", "ENCODING", "h");
            for (RespClient c : clients()) {
                assertUniform(c, "HRANDFIELD -1000", flat(c, 1, "HRANDFIELD", "h", "-1000"));
                assertUniform(c, "HRANDFIELD 3", flat(c, 300, "HRANDFIELD", "h", "3"));
                assertUniform(c, "HRANDFIELD 1", flat(c, 1000, "HRANDFIELD", "h"));
            }
            same("DEL", "h");
        }
    }

    @Test
    void sortedSetsPickUniformly() {
        for (String prefix : new String[] {"z", LONG}) { // listpack, skiplist
            List<String> args = new ArrayList<>(List.of("ZADD", "z"));
            int score = 0;
            for (String m : members(prefix)) {
                args.add(Integer.toString(score++));
                args.add(m);
            }
            same(args.toArray(new String[0]));
            same("OBJECT", "ENCODING", "z");
            for (RespClient c : clients()) {
                assertUniform(c, "ZRANDMEMBER -1000", flat(c, 1, "ZRANDMEMBER", "z", "-1000"));
                assertUniform(c, "ZRANDMEMBER 3", flat(c, 300, "ZRANDMEMBER", "z", "3"));
                assertUniform(c, "ZRANDMEMBER 1", flat(c, 1000, "ZRANDMEMBER", "z"));
            }
            same("DEL", "z");
        }
    }

    @Test
    void randomkeyPicksUniformly() {
        for (String k : members("key")) {
            same("SET", k, "v");
        }
        for (RespClient c : clients()) {
            assertUniform(c, "RANDOMKEY", flat(c, 1000, "RANDOMKEY"));
        }
    }

    private RespClient[] clients() {
        return new RespClient[] {redis, redoubt};
    }

    /** Sends the command {@code times} times pipelined; returns every bulk string of the replies. */
    private static List<String> flat(RespClient c, int times, String... command) {
        for (int i = 0; i < times; i++) {
            c.send(command);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(bulks(c.readReplyText()));
        }
        return out;
    }

    /** The bulk strings of a RESP2 reply (a bulk string or a flat array of them). */
    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < reply.length()) {
            int eol = reply.indexOf("\r\n", i);
            if (reply.charAt(i) == '$') {
                int length = Integer.parseInt(reply.substring(i + 1, eol));
                if (length >= 0) {
                    out.add(reply.substring(eol + 2, eol + 2 + length));
                    i = eol + 2 + length + 2;
                    continue;
                }
            }
            i = eol + 2;
        }
        return out;
    }

    private void assertUniform(RespClient c, String what, List<String> picks) {
        Map<String, Integer> histogram = new HashMap<>();
        for (String p : picks) {
            histogram.merge(p, 1, Integer::sum);
        }
        double expected = (double) picks.size() / 10;
        double chi = 0;
        for (int n : histogram.values()) {
            chi += Math.pow(n - expected, 2) / expected;
        }
        chi += (10 - histogram.size()) * expected; // values never picked
        String server = c == redis ? "Redis" : "Redoubt";
        assertThat(histogram).as("%s %s: every value picked", server, what).hasSize(10);
        assertThat(chi).as("%s %s: chi-square of %s", server, what, histogram).isLessThan(40);
    }
}
