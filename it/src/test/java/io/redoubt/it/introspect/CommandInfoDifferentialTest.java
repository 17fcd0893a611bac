package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * COMMAND and its subcommands against Redis 7.0.15, byte for byte. Each command's own COMMAND INFO is
 * compared in CommandTableConformanceTest; here every command that is not a container (whose
 * subcommands Redis lists in random hash order) is asked for in one COMMAND INFO request.
 */
@Timeout(120)
class CommandInfoDifferentialTest extends DifferentialTest {

    /** Every command and subcommand of Redoubt's table that Redis has, containers left out. */
    private String[] covered() {
        List<String> names = new ArrayList<>();
        for (String name : strings(RespValue.parse(redoubt.call("COMMAND", "LIST")))) {
            List<?> info = (List<?>) ((List<?>) RespValue.parse(redoubt.call("COMMAND", "INFO", name))).get(0);
            if (((List<?>) info.get(9)).isEmpty() && !CommandTableConformanceTest.INTENTIONAL.containsKey(name)) {
                names.add(name);
            }
        }
        assertThat(names).hasSizeGreaterThan(200);
        return names.toArray(new String[0]);
    }

    private static String[] commandInfo(String... names) {
        String[] args = new String[names.length + 2];
        args[0] = "COMMAND";
        args[1] = "INFO";
        System.arraycopy(names, 0, args, 2, names.length);
        return args;
    }

    @Test
    void commandInfoOfEveryCommandIsByteIdentical() {
        same(commandInfo(covered()));
        same("COMMAND", "INFO", "get", "nosuchcommand", "SET", "get|x");
    }

    @Test
    void commandInfoIsByteIdenticalInResp3() {
        resp3();
        same(commandInfo(covered()));
        same("COMMAND", "INFO", "nosuchcommand");
    }

    @Test
    void commandInfoOfCommandItselfMatchesApartFromSubcommandOrder() {
        String[] replies = both("COMMAND", "INFO", "command");
        assertThat(normalize(RespValue.parse(replies[1].getBytes())))
                .isEqualTo(normalize(RespValue.parse(replies[0].getBytes())));
    }

    @Test
    void getKeysFollowsKeySpecsWithRedisErrors() {
        sameScript("""
                COMMAND GETKEYS get k
                COMMAND GETKEYS GET k
                COMMAND GETKEYS del a b c
                COMMAND GETKEYS exists a b
                COMMAND GETKEYS set a b EX 10
                COMMAND GETKEYS ping x
                COMMAND GETKEYS nosuch a b
                COMMAND GETKEYS set a
                COMMAND GETKEYS get a b
                COMMAND GETKEYS get
                COMMAND GETKEYSANDFLAGS del a b
                COMMAND GETKEYSANDFLAGS get a
                COMMAND GETKEYSANDFLAGS exists a b
                COMMAND GETKEYSANDFLAGS ping x
                COMMAND GETKEYSANDFLAGS set a b
                COMMAND GETKEYSANDFLAGS set a b get
                COMMAND GETKEYSANDFLAGS set a b EX 10 GET
                COMMAND GETKEYS sort k STORE d
                COMMAND GETKEYSANDFLAGS sort k LIMIT 0 1 STORE d
                COMMAND GETKEYSANDFLAGS sort k STORE d1 STORE d2
                COMMAND GETKEYSANDFLAGS sort k GET store STORE d
                COMMAND GETKEYSANDFLAGS sort k BY x GET y
                COMMAND GETKEYSANDFLAGS sort k STORE
                COMMAND GETKEYSANDFLAGS sort_ro k GET y
                COMMAND GETKEYSANDFLAGS bitfield k GET u8 0
                COMMAND GETKEYSANDFLAGS bitfield k OVERFLOW SAT GET u8 0
                COMMAND GETKEYSANDFLAGS bitfield k GET u8 0 SET u8 0 1
                COMMAND GETKEYSANDFLAGS bitfield k GET u8
                """);
        resp3();
        same("COMMAND", "GETKEYSANDFLAGS", "del", "a", "b");
        same("COMMAND", "GETKEYSANDFLAGS", "set", "a", "b", "GET");
    }

    @Test
    void listHelpAndErrors() {
        sameScript("""
                COMMAND HELP
                COMMAND LIST FILTERBY MODULE foo
                COMMAND LIST FILTERBY ACLCAT nosuch
                COMMAND LIST FILTERBY bogus x
                COMMAND LIST FILTERBY
                COMMAND LIST foo
                COMMAND DOCS nosuch
                COMMAND bogus
                COMMAND COUNT x
                """);
    }

    @Test
    void listFiltersSelectFromOurTable() {
        List<String> all = strings(RespValue.parse(redoubt.call("COMMAND", "LIST")));
        assertThat(all).contains("get", "set", "command", "command|info", "info");
        assertThat(all).hasSize(new HashSet<>(all).size());
        assertThat(RespValue.parse(redoubt.call("COMMAND", "COUNT")))
                .isEqualTo((long) all.stream().filter(n -> !n.contains("|")).count());
        List<String> redisAll = strings(RespValue.parse(redis.call("COMMAND", "LIST")));
        // CLIENT SETINFO and NO-TOUCH arrived in Redis 7.2; we answer them because Jedis and Lettuce send SETINFO
        List<String> newerThan70 = List.of("client|setinfo", "client|no-touch");
        assertThat(redisAll).containsAll(all.stream().filter(n -> !newerThan70.contains(n)).toList());

        for (String[] filter : new String[][] {{"ACLCAT", "string"}, {"ACLCAT", "CONNECTION"}, {"PATTERN", "e*"},
            {"PATTERN", "command|*"}}) {
            Set<String> ours = new HashSet<>(strings(RespValue.parse(
                    redoubt.call("COMMAND", "LIST", "FILTERBY", filter[0], filter[1]))));
            Set<String> theirs = new HashSet<>(strings(RespValue.parse(
                    redis.call("COMMAND", "LIST", "FILTERBY", filter[0], filter[1]))));
            theirs.retainAll(all);
            ours.removeAll(newerThan70);
            assertThat(ours).as("FILTERBY %s %s", filter[0], filter[1]).isEqualTo(theirs).isNotEmpty();
        }
    }

    @Test
    void commandWithoutArgumentsDescribesEveryCommand() {
        List<?> infos = (List<?>) RespValue.parse(redoubt.call("COMMAND"));
        List<?> viaInfo = (List<?>) RespValue.parse(redoubt.call("COMMAND", "INFO"));
        assertThat(infos).isEqualTo(viaInfo);
        assertThat(infos).hasSize(((Long) RespValue.parse(redoubt.call("COMMAND", "COUNT"))).intValue());
        for (Object info : infos) {
            List<?> fields = (List<?>) info;
            assertThat(fields).hasSize(10);
            assertThat(RespValue.parse(redoubt.call("COMMAND", "INFO", (String) fields.get(0))))
                    .isEqualTo(List.of(info));
        }
    }

    /**
     * COMMAND DOCS of every command and subcommand: summary, since, group, complexity, doc_flags and
     * history match (arguments: CommandDocsConformanceTest).
     */
    @Test
    void docsMatchRedisApartFromArguments() {
        List<String> names = strings(RespValue.parse(redoubt.call("COMMAND", "LIST")));
        names.removeAll(CommandTableConformanceTest.INTENTIONAL.keySet());
        List<String> diffs = new ArrayList<>();
        for (String name : names) {
            List<?> theirs = (List<?>) RespValue.parse(redis.call("COMMAND", "DOCS", name));
            List<?> ours = (List<?>) RespValue.parse(redoubt.call("COMMAND", "DOCS", name));
            assertThat(ours).as("DOCS %s", name).hasSize(2);
            Set<Object> o = withoutArguments((List<?>) ours.get(1));
            Set<Object> t = withoutArguments((List<?>) theirs.get(1));
            if (!o.equals(t) && !subcommandsAreASubset(o, t)) {
                diffs.add(name + "\n    ours  " + withoutArguments((List<?>) ours.get(1))
                        + "\n    Redis " + withoutArguments((List<?>) theirs.get(1)));
            }
        }
        assertThat(diffs).as("COMMAND DOCS that differ from Redis (%d):%n%s", diffs.size(), String.join("\n", diffs))
                .isEmpty();
    }

    /**
     * A container whose fields match Redis's and whose subcommands are some of Redis's (Redoubt has
     * only some of FUNCTION's and SCRIPT's; CLIENT adds the 7.2 ones of the conformance allow-list).
     */
    @SuppressWarnings("unchecked")
    private static boolean subcommandsAreASubset(Set<Object> ours, Set<Object> theirs) {
        Set<Object> o = new HashSet<>(ours);
        Set<Object> t = new HashSet<>(theirs);
        Set<Object> ourSubs = null;
        Set<Object> theirSubs = null;
        for (Object f : ours) {
            if (((List<Object>) f).get(0).equals("subcommands")) {
                ourSubs = new HashSet<>((Set<Object>) ((List<Object>) f).get(1));
                o.remove(f);
            }
        }
        for (Object f : theirs) {
            if (((List<Object>) f).get(0).equals("subcommands")) {
                theirSubs = (Set<Object>) ((List<Object>) f).get(1);
                t.remove(f);
            }
        }
        if (ourSubs == null || theirSubs == null || !o.equals(t)) {
            return false;
        }
        ourSubs.removeIf(sub -> CommandTableConformanceTest.INTENTIONAL.containsKey((String) ((List<Object>) sub).get(0)));
        return theirSubs.containsAll(ourSubs);
    }

    /** The docs map without "arguments", and with subcommands compared as a set. */
    private static Set<Object> withoutArguments(List<?> map) {
        Set<Object> fields = new HashSet<>();
        for (int i = 0; i < map.size(); i += 2) {
            String key = (String) map.get(i);
            if (key.equals("arguments")) {
                continue;
            }
            Object value = map.get(i + 1);
            if (key.equals("subcommands")) {
                Set<Object> subs = new HashSet<>();
                List<?> s = (List<?>) value;
                for (int j = 0; j < s.size(); j += 2) {
                    subs.add(List.of(s.get(j), withoutArguments((List<?>) s.get(j + 1))));
                }
                value = subs;
            }
            fields.add(List.of(key, value));
        }
        return fields;
    }

    /** Subcommand lists become sets, since Redis lists them in hash order. */
    private static Object normalize(Object v) {
        if (!(v instanceof List<?> list)) {
            return v;
        }
        List<Object> out = new ArrayList<>();
        for (Object o : list) {
            out.add(normalize(o));
        }
        if (out.size() == 10 && out.get(0) instanceof String && out.get(9) instanceof List<?> subs) {
            out.set(9, new HashSet<>(subs));
        }
        return out;
    }

    private static List<String> strings(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) reply) {
            out.add((String) o);
        }
        return out;
    }
}
