package io.redoubt.it.lists;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lists' encodings and memory against Redis 7.0.15: OBJECT ENCODING through growth and shrinking under
 * every kind of list-max-listpack-size (Redis 7.0 says {@code quicklist} for every list, one node or
 * many), DEBUG OBJECT's node count under count fills (where the node layout is fully determined), and
 * MEMORY USAGE within a band of Redis's figure for small, big, long-element and huge-element lists.
 */
class ListEncodingDifferentialTest extends DifferentialTest {
    private static final Pattern NODES = Pattern.compile("ql_nodes:(\\d+) ql_avg_node:[0-9.]+ ql_listpack_max:(-?\\d+)");

    @AfterEach
    void restoreDefaults() {
        both("CONFIG", "SET", "list-max-listpack-size", "-2");
        both("CONFIG", "SET", "list-compress-depth", "0");
    }

    private void pushBoth(String key, int count, int length, boolean head) {
        List<String> args = new ArrayList<>();
        args.add(head ? "LPUSH" : "RPUSH");
        args.add(key);
        for (int i = 0; i < count; i++) {
            String n = "e" + i;
            args.add(n + "x".repeat(Math.max(0, length - n.length())));
            if (args.size() == 502 || i == count - 1) {
                same(args.toArray(new String[0]));
                args.subList(2, args.size()).clear();
            }
        }
    }

    @Test
    void encodingThroughGrowthAndShrinkingUnderEveryFill() {
        for (String fill : new String[] {"-2", "-1", "-5", "1", "4", "128"}) {
            same("CONFIG", "SET", "list-max-listpack-size", fill);
            same("DEL", "l");
            same("RPUSH", "l", "a");
            same("OBJECT", "ENCODING", "l");
            pushBoth("l", 127, 16, false);
            same("OBJECT", "ENCODING", "l");
            pushBoth("l", 2, 16, true);
            same("OBJECT", "ENCODING", "l");
            pushBoth("l", 1000, 16, false);
            same("OBJECT", "ENCODING", "l");
            same("RPUSH", "l", "y".repeat(20_000));
            same("OBJECT", "ENCODING", "l");
            same("LINSERT", "l", "BEFORE", "e5xxxxxxxxxxxxxx", "z".repeat(9000));
            same("LSET", "l", "3", "w".repeat(5000));
            same("LINDEX", "l", "3");
            same("OBJECT", "ENCODING", "l");
            same("LTRIM", "l", "0", "2");
            same("OBJECT", "ENCODING", "l");
            same("LRANGE", "l", "0", "-1");
            same("RPOP", "l", "2");
            same("OBJECT", "ENCODING", "l");
            same("LPOP", "l");
            same("OBJECT", "ENCODING", "l");
            same("EXISTS", "l");
        }
        same("CONFIG", "SET", "list-compress-depth", "2");
        same("CONFIG", "GET", "list-compress-depth");
        pushBoth("c", 3000, 16, false);
        same("OBJECT", "ENCODING", "c");
        same("LRANGE", "c", "1000", "1010");
    }

    @Test
    void nodeCountsMatchUnderCountFills() {
        for (String fill : new String[] {"1", "3", "4", "100"}) {
            same("CONFIG", "SET", "list-max-listpack-size", fill);
            same("DEL", "l");
            pushBoth("l", 250, 10, false);
            pushBoth("l", 7, 10, true);
            String[] replies = both("DEBUG", "OBJECT", "l");
            assertThat(nodes(replies[1])).as("fill %s: %s vs %s", fill, replies[0], replies[1])
                    .isEqualTo(nodes(replies[0]));
        }
    }

    private static String nodes(String debugObject) {
        Matcher m = NODES.matcher(debugObject);
        assertThat(m.find()).as("quicklist fields in %s", debugObject).isTrue();
        return m.group(1) + " nodes, fill " + m.group(2);
    }

    @Test
    void memoryUsageIsInRedisBallpark() {
        usageClose("one", 1, 1);
        usageClose("ten", 10, 16);
        usageClose("thousand", 1000, 16);
        usageClose("longer", 200, 300);
        usageClose("huge", 3, 30_000);
        usageClose("many", 100_000, 16);
    }

    private void usageClose(String key, int count, int length) {
        pushBoth(key, count, length, false);
        // SAMPLES 0: every node counted on both sides, not an estimate from a few
        long expected = Long.parseLong(redis.callText("MEMORY", "USAGE", key, "SAMPLES", "0").strip().substring(1));
        long actual = Long.parseLong(redoubt.callText("MEMORY", "USAGE", key, "SAMPLES", "0").strip().substring(1));
        assertThat((double) actual / expected).as("MEMORY USAGE %s: redis %d, redoubt %d", key, expected, actual)
                .isBetween(0.75, 1.35);
    }
}
