package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** INFO's shape against Redis 7.0.15: section headers, field names and their order, CRLF, RESP3 type. */
class InfoDifferentialTest extends DifferentialTest {

    @Test
    void defaultSectionsAndFieldsMatchRedis() {
        for (String[] args : new String[][] {{"INFO"}, {"INFO", "default"}, {"INFO", "all"}, {"INFO", "everything"},
            {"INFO", "server", "keyspace"}, {"INFO", "CPU"}, {"INFO", "memory", "stats", "replication"},
            {"INFO", "persistence"}, {"INFO", "clients"}, {"INFO", "modules"}, {"INFO", "cluster"}}) {
            String[] replies = both(args);
            Map<String, List<String>> theirs = shape(body(replies[0]));
            Map<String, List<String>> ours = shape(body(replies[1]));
            assertThat(ours.keySet()).as("sections of %s", String.join(" ", args))
                    .containsExactlyElementsOf(theirs.keySet());
            for (Map.Entry<String, List<String>> section : theirs.entrySet()) {
                if (List.of("# Commandstats", "# Errorstats", "# Latencystats", "# Keyspace")
                        .contains(section.getKey())) {
                    continue; // per-command and per-database lines: checked by InfoStatsDifferentialTest
                }
                List<String> ourFields = new ArrayList<>(ours.get(section.getKey()));
                ourFields.remove("redoubt_version");
                assertThat(ourFields).as("fields of %s", section.getKey())
                        .containsExactlyElementsOf(section.getValue());
            }
        }
    }

    @Test
    void fixedValuesAndFormatMatchRedis() {
        String ours = body(redoubt.callText("INFO", "server", "replication", "cluster", "clients"));
        assertThat(ours).contains("\r\nredis_version:7.0.15\r\n", "\r\nredoubt_version:", "\r\nredis_mode:standalone\r\n",
                "\r\nrole:master\r\n", "\r\nconnected_slaves:0\r\n", "\r\ncluster_enabled:0\r\n");
        assertThat(ours).startsWith("# Server\r\n").endsWith("cluster_enabled:0\r\n");
        assertThat(ours.replace("\r\n", "")).doesNotContain("\n", "\r");
        assertThat(field(ours, "connected_clients")).isGreaterThanOrEqualTo(1);
        assertThat(field(ours, "uptime_in_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(field(ours, "tcp_port")).isEqualTo(
                (long) io.redoubt.testkit.SharedServers.redoubt().port());
        sameScript("""
                INFO nosuchsection
                INFO modules
                INFO cluster
                """);
    }

    @Test
    void resp3RepliesWithVerbatimText() {
        resp3();
        String[] replies = both("INFO", "cluster");
        assertThat(replies[1]).isEqualTo(replies[0]).startsWith("=").contains("txt:# Cluster");
    }

    @Test
    void memoryReportsShardEstimateAndConfiguredLimit() {
        String before = body(redoubt.callText("INFO", "memory"));
        redoubt.call("SET", "big", "x".repeat(100_000));
        String after = body(redoubt.callText("INFO", "memory"));
        assertThat(field(after, "used_memory") - field(before, "used_memory")).isGreaterThanOrEqualTo(100_000);
        assertThat(field(after, "used_memory_rss")).isGreaterThan(0);
        assertThat(after).contains("\r\nmaxmemory:0\r\n", "\r\nmaxmemory_policy:noeviction\r\n");
    }

    static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no field " + name + " in\n" + info);
    }

    /** The text of a bulk or verbatim reply. */
    static String body(String reply) {
        int start = reply.indexOf("\r\n") + 2;
        String text = reply.substring(start, reply.length() - 2);
        return reply.startsWith("=") ? text.substring(4) : text;
    }

    /** Section header → field names in order. */
    static Map<String, List<String>> shape(String info) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : info.split("\r\n")) {
            if (line.startsWith("# ")) {
                current = new ArrayList<>();
                sections.put(line, current);
            } else if (!line.isEmpty() && current != null) {
                current.add(line.substring(0, line.indexOf(':')));
            }
        }
        return sections;
    }
}
