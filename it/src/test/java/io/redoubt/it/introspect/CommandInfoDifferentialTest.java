package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** COMMAND and its subcommands against Redis 7.0.15, byte for byte where the table covers Redis. */
class CommandInfoDifferentialTest extends DifferentialTest {
    private static final String[] COVERED = {"get", "set", "del", "exists", "ping", "echo", "select", "hello",
        "quit", "info", "command|docs", "command|help", "command|getkeysandflags", "command|getkeys", "command|count",
        "command|list", "command|info"};

    @Test
    void commandInfoOfCoveredCommandsIsByteIdentical() {
        for (String name : COVERED) {
            same("COMMAND", "INFO", name);
        }
        same("COMMAND", "INFO", "get", "nosuchcommand", "SET", "get|x");
    }

    @Test
    void commandInfoIsByteIdenticalInResp3() {
        resp3();
        for (String name : COVERED) {
            same("COMMAND", "INFO", name);
        }
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

    /** COMMAND DOCS: summary, since, group, complexity, doc_flags and history match (arguments: CommandDocsConformanceTest). */
    @Test
    void docsMatchRedisApartFromArguments() {
        List<String> names = new ArrayList<>(List.of(COVERED));
        names.add("command");
        for (String name : names) {
            List<?> theirs = (List<?>) RespValue.parse(redis.call("COMMAND", "DOCS", name));
            List<?> ours = (List<?>) RespValue.parse(redoubt.call("COMMAND", "DOCS", name));
            assertThat(ours).as("DOCS %s", name).hasSize(2);
            assertThat(withoutArguments((List<?>) ours.get(1))).as("DOCS %s", name)
                    .isEqualTo(withoutArguments((List<?>) theirs.get(1)));
        }
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
