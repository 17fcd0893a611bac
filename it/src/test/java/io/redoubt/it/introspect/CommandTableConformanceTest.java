package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guards every command family: for each command and subcommand in Redoubt's table, the full
 * {@code COMMAND INFO} reply (name, arity, flags, first/last/step, ACL categories, tips, key specs
 * with their flags, begin_search and find_keys, subcommands) must be byte for byte what a live Redis
 * 7.0.15 answers, in RESP2 and RESP3. Nothing is taken from a fixture: the expectation is Redis's own
 * reply in the same run. The only differences allowed are listed in {@link #INTENTIONAL}, each with
 * its reason. On failure every mismatch is listed, one per line, so a family's author sees them all.
 */
@Timeout(120)
class CommandTableConformanceTest extends DifferentialTest {

    /**
     * Commands whose COMMAND INFO is allowed to differ from Redis 7.0.15's, and why. Keep this list
     * short: a difference in key specs or flags weakens the ACL, routing and COMMAND GETKEYS.
     */
    static final Map<String, String> INTENTIONAL = Map.of(
            "client|setinfo", "Redis 7.2 command (absent from 7.0): Jedis and Lettuce send it on connect",
            "client|no-touch", "Redis 7.2 command (absent from 7.0), answered for clients that use it");

    @Test
    void everyCommandAndSubcommandHasRedisCommandInfoByteForByte() {
        assertConforms(false);
    }

    @Test
    void everyCommandAndSubcommandHasRedisCommandInfoByteForByteInResp3() {
        resp3();
        assertConforms(true);
    }

    private void assertConforms(boolean resp3) {
        List<String> names = names(redoubt.call("COMMAND", "LIST"));
        assertThat(names).as("command names").hasSizeGreaterThan(200);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String name : names) {
            if (INTENTIONAL.containsKey(name)) {
                continue;
            }
            byte[] theirs = redis.call("COMMAND", "INFO", name);
            byte[] ours = redoubt.call("COMMAND", "INFO", name);
            Object theirsValue = RespValue.parse(theirs);
            Object oursValue = RespValue.parse(ours);
            if (((List<?>) theirsValue).get(0) == null) {
                mismatches.add(name + ": not a Redis 7.0.15 command (add it to INTENTIONAL with a reason)");
                continue;
            }
            compared++;
            if (hasSubcommands(theirsValue)) {
                // Redis lists a container's subcommands in the order of a hash table seeded at random
                // start-up, and Redoubt may implement only some of them (each one it has is compared
                // byte for byte on its own, as a name of COMMAND LIST): here the container's own
                // fields are compared in order and its subcommands as a subset of Redis's.
                List<?> o = (List<?>) ((List<?>) oursValue).get(0);
                List<?> t = (List<?>) ((List<?>) theirsValue).get(0);
                Set<Object> theirSubs = new HashSet<>((List<?>) t.get(9));
                List<Object> extra = new ArrayList<>((List<?>) o.get(9));
                extra.removeAll(theirSubs);
                extra.removeIf(sub -> INTENTIONAL.containsKey((String) ((List<?>) sub).get(0)));
                if (!o.subList(0, 9).equals(t.subList(0, 9)) || !extra.isEmpty()) {
                    mismatches.add(describe(name, ours, theirs));
                }
            } else if (!java.util.Arrays.equals(ours, theirs)) {
                mismatches.add(describe(name, ours, theirs));
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(mismatches)
                .as("commands whose COMMAND INFO differs from Redis 7.0.15%s (%d):%n%s", resp3 ? " in RESP3" : "",
                        mismatches.size(), String.join("\n", mismatches))
                .isEmpty();
    }

    private static String describe(String name, byte[] ours, byte[] theirs) {
        return name + ":\n    ours  " + oneLine(ours) + "\n    Redis " + oneLine(theirs);
    }

    private static String oneLine(byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).replace("\r\n", " ");
    }

    private static boolean hasSubcommands(Object commandInfoReply) {
        List<?> info = (List<?>) ((List<?>) commandInfoReply).get(0);
        return info.size() == 10 && info.get(9) instanceof List<?> subs && !subs.isEmpty();
    }

    private static List<String> names(byte[] reply) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) RespValue.parse(reply)) {
            out.add((String) o);
        }
        return out;
    }
}
