package io.redoubt.it.strings;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.testkit.RespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a Redoubt {@link CommandSpec} with what real Redis reports in {@code COMMAND INFO} and
 * {@code COMMAND DOCS}: arity, flags, legacy key range, ACL categories, tips, key specs (flags, begin
 * search index, find-keys range), group, since, summary and complexity. It reads the spec objects
 * directly, so it works before Redoubt has a COMMAND command. Used by the string, bitmap and
 * HyperLogLog conformance tests.
 */
public final class CommandSpecConformance {
    private CommandSpecConformance() {
    }

    /** Asserts that {@code spec} declares what Redis 7.0 declares for the same command. */
    @SuppressWarnings("unchecked")
    public static void assertMatches(RespClient redis, CommandSpec spec) {
        String name = spec.name();
        List<Object> info = (List<Object>) ((List<Object>) parse(redis.call("COMMAND", "INFO", name))).get(0);
        assertThat(info).as("COMMAND INFO %s on Redis", name).isNotNull();
        assertThat(spec.arity()).as("%s arity", name).isEqualTo(((Long) info.get(1)).intValue());
        Set<String> flags = new HashSet<>();
        for (CommandFlag f : spec.flags()) {
            if (f != CommandFlag.MAY_REPLICATE) { // Redis hides it from COMMAND INFO on purpose
                flags.add(f.wireName());
            }
        }
        assertThat(flags).as("%s flags", name).isEqualTo(new HashSet<>((List<String>) info.get(2)));
        assertThat(new long[] {spec.legacyFirstKey(), spec.legacyLastKey(), spec.legacyStep()})
                .as("%s first/last/step", name).containsExactly((Long) info.get(3), (Long) info.get(4), (Long) info.get(5));
        Set<String> categories = new HashSet<>();
        for (AclCategory c : spec.categories()) {
            categories.add("@" + c.wireName());
        }
        assertThat(categories).as("%s ACL categories", name).isEqualTo(new HashSet<>((List<String>) info.get(6)));
        assertThat(spec.tips()).as("%s tips", name).isEqualTo(info.get(7));
        List<Object> keySpecs = (List<Object>) info.get(8);
        assertThat(spec.keySpecs()).as("%s key specs", name).hasSize(keySpecs.size());
        for (int i = 0; i < keySpecs.size(); i++) {
            Map<String, Object> expected = pairs((List<Object>) keySpecs.get(i));
            KeySpec actual = spec.keySpecs().get(i);
            assertThat(new HashSet<>(List.of(actual.flagNames()))).as("%s key spec %d flags", name, i)
                    .isEqualTo(new HashSet<>((List<String>) expected.get("flags")));
            Map<String, Object> begin = pairs((List<Object>) expected.get("begin_search"));
            assertThat(begin.get("type")).as("%s begin_search type", name).isEqualTo("index");
            assertThat((long) actual.index()).as("%s begin_search index", name)
                    .isEqualTo(pairs((List<Object>) begin.get("spec")).get("index"));
            Map<String, Object> find = pairs((List<Object>) expected.get("find_keys"));
            assertThat(find.get("type")).as("%s find_keys type", name).isEqualTo("range");
            Map<String, Object> range = pairs((List<Object>) find.get("spec"));
            assertThat(new long[] {actual.lastKey(), actual.step(), actual.limit()}).as("%s find_keys range", name)
                    .containsExactly((Long) range.get("lastkey"), (Long) range.get("keystep"), (Long) range.get("limit"));
        }
        Map<String, Object> docs = pairs((List<Object>) ((List<Object>) parse(redis.call("COMMAND", "DOCS", name))).get(1));
        assertThat(spec.summary()).as("%s summary", name).isEqualTo(docs.get("summary"));
        assertThat(spec.since()).as("%s since", name).isEqualTo(docs.get("since"));
        assertThat(spec.group()).as("%s group", name).isEqualTo(docs.get("group"));
        assertThat(spec.complexity()).as("%s complexity", name).isEqualTo(docs.get("complexity"));
    }

    private static Map<String, Object> pairs(List<Object> flat) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put((String) flat.get(i), flat.get(i + 1));
        }
        return m;
    }

    /** A RESP2 reply as String, Long, List or null. */
    static Object parse(byte[] reply) {
        int[] pos = {0};
        return value(reply, pos);
    }

    private static Object value(byte[] r, int[] pos) {
        String line = line(r, pos);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', '-':
                return rest;
            case ':':
                return Long.parseLong(rest);
            case '$': {
                int len = Integer.parseInt(rest);
                if (len < 0) {
                    return null;
                }
                String s = new String(r, pos[0], len, StandardCharsets.UTF_8);
                pos[0] += len + 2;
                return s;
            }
            case '*': {
                int n = Integer.parseInt(rest);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(value(r, pos));
                }
                return list;
            }
            default:
                throw new IllegalArgumentException("unexpected RESP type " + type);
        }
    }

    private static String line(byte[] r, int[] pos) {
        int start = pos[0];
        int i = start;
        while (!(r[i] == '\r' && r[i + 1] == '\n')) {
            i++;
        }
        pos[0] = i + 2;
        return new String(r, start, i - start, StandardCharsets.UTF_8);
    }
}
