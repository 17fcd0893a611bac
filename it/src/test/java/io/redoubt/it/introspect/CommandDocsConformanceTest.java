package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import io.redoubt.testkit.SharedServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guards the argument trees and the rest of COMMAND DOCS: for every command and subcommand in
 * Redoubt's table (whatever families are registered, so commands added later are checked too),
 * {@code COMMAND DOCS name} must be byte for byte Redis 7.0.15's, in RESP2 and RESP3. The one
 * exception is a container's {@code subcommands} map, which Redis writes in its hash order: there
 * the container's other fields are compared byte for byte and each subcommand on its own.
 */
class CommandDocsConformanceTest extends DifferentialTest {
    /** Subcommands Redis 7.0.15 does not have: clients of 7.2 send them, so Redoubt answers them. */
    private static final List<String> NEWER_THAN_70 = List.of("client|setinfo", "client|no-touch");

    @ParameterizedTest(name = "RESP{0}")
    @ValueSource(ints = {2, 3})
    void everyCommandsDocsAreRedisDocs(int protocol) {
        if (protocol == 3) {
            resp3();
        }
        List<String> differing = new ArrayList<>();
        String firstDiff = null;
        for (String name : ourCommandNames()) {
            if (NEWER_THAN_70.contains(name)) {
                continue;
            }
            byte[] theirs = redis.call("COMMAND", "DOCS", name);
            byte[] ours = redoubt.call("COMMAND", "DOCS", name);
            String diff = isContainer(name) ? containerDiff(name, theirs, ours) : bytesDiff(theirs, ours);
            if (diff != null) {
                differing.add(name);
                if (firstDiff == null) {
                    firstDiff = "COMMAND DOCS " + name + ": " + diff;
                }
            }
        }
        assertThat(differing).as("commands whose COMMAND DOCS differ from Redis 7.0.15 (first: %s)", firstDiff)
                .isEmpty();
    }

    /** redis-cli builds its help and hints from COMMAND DOCS: its help text must be the one it prints for Redis. */
    @Test
    void redisCliHelpIsTheSameAsForRedis() throws Exception {
        for (String command : List.of("set", "getex", "zadd", "xadd", "client kill", "sort", "georadius",
                "object encoding", "bitfield", "lpos")) {
            String theirs = cliHelp(SharedServers.redis().port(), command);
            String ours = cliHelp(SharedServers.redoubt().port(), command);
            assertThat(theirs).as("redis-cli help %s against Redis", command).contains("summary:");
            assertThat(ours).as("redis-cli help %s", command).isEqualTo(theirs);
        }
    }

    /** The reply to DOCS of a command without arguments has none, as Redis's. */
    @Test
    void commandsWithoutArgumentsHaveNoArgumentsField() {
        for (String name : List.of("ping", "multi", "dbsize", "command|count")) {
            same("COMMAND", "DOCS", name);
        }
        assertThat(docs(redoubt.call("COMMAND", "DOCS", "multi"))).doesNotContainKey("arguments")
                .containsKey("summary");
    }

    private List<String> ourCommandNames() {
        List<String> names = new ArrayList<>();
        for (Object n : (List<?>) RespValue.parse(redoubt.call("COMMAND", "LIST"))) {
            names.add((String) n);
        }
        assertThat(names).as("command names").isNotEmpty();
        return names;
    }

    private boolean isContainer(String name) {
        return !name.contains("|") && docs(redoubt.call("COMMAND", "DOCS", name)).containsKey("subcommands");
    }

    private static String bytesDiff(byte[] theirs, byte[] ours) {
        String a = new String(theirs, StandardCharsets.ISO_8859_1);
        String b = new String(ours, StandardCharsets.ISO_8859_1);
        if (a.equals(b)) {
            return null;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "replies differ at byte " + i + ": Redis ..." + printable(a.substring(from, Math.min(a.length(), i + 60)))
                + "... ours ..." + printable(b.substring(from, Math.min(b.length(), i + 60))) + "...";
    }

    /**
     * A container: every field but the subcommands in order, and the subcommands we have by name
     * (each is compared byte for byte as a command of its own).
     */
    private String containerDiff(String name, byte[] theirs, byte[] ours) {
        Map<String, Object> a = docs(theirs);
        Map<String, Object> b = docs(ours);
        if (!new ArrayList<>(a.keySet()).equals(new ArrayList<>(b.keySet()))) {
            return "fields " + b.keySet() + ", Redis has " + a.keySet();
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (e.getKey().equals("subcommands")) {
                Map<String, Object> theirSubs = pairs((List<?>) e.getValue());
                for (String sub : pairs((List<?>) b.get("subcommands")).keySet()) {
                    if (!NEWER_THAN_70.contains(sub) && !theirSubs.containsKey(sub)) {
                        return "subcommand " + sub + " is not Redis's";
                    }
                }
            } else if (!e.getValue().equals(b.get(e.getKey()))) {
                return e.getKey() + ": ours " + b.get(e.getKey()) + ", Redis " + e.getValue();
            }
        }
        return null;
    }

    /** The docs map of the one command a COMMAND DOCS reply describes. */
    private static Map<String, Object> docs(byte[] reply) {
        List<?> outer = (List<?>) RespValue.parse(reply);
        assertThat(outer).hasSize(2);
        return pairs((List<?>) outer.get(1));
    }

    private static Map<String, Object> pairs(List<?> flat) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            m.put((String) flat.get(i), flat.get(i + 1));
        }
        return m;
    }

    private static String cliHelp(int port, String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "help"));
        cmd.addAll(List.of(command.split(" ")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
