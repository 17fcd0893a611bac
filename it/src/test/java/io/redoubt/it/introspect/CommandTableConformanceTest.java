package io.redoubt.it.introspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.testkit.DifferentialTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Guards every command family: for each command and subcommand in Redoubt's table that Redis 7.0.15
 * also has, arity, flags, first/last/step and ACL categories must be what Redis's COMMAND INFO says.
 * On failure it lists every mismatch, one per line, so a family's author sees all of them at once.
 */
class CommandTableConformanceTest extends DifferentialTest {
    private static final String[] FIELDS = {"name", "arity", "flags", "first key", "last key", "step",
        "ACL categories"};

    @Test
    void everyCommandMatchesRedisCommandInfo() {
        List<?> names = (List<?>) RespValue.parse(redoubt.call("COMMAND", "LIST"));
        List<String> mismatches = new ArrayList<>();
        List<String> onlyOurs = new ArrayList<>();
        for (Object n : names) {
            String name = (String) n;
            List<?> theirs = (List<?>) ((List<?>) RespValue.parse(redis.call("COMMAND", "INFO", name))).get(0);
            List<?> ours = (List<?>) ((List<?>) RespValue.parse(redoubt.call("COMMAND", "INFO", name))).get(0);
            if (theirs == null) {
                onlyOurs.add(name);
                continue;
            }
            for (int i = 1; i <= 6; i++) {
                Object a = comparable(ours.get(i));
                Object b = comparable(theirs.get(i));
                if (!a.equals(b)) {
                    mismatches.add(name + " " + FIELDS[i] + ": ours " + a + ", Redis " + b);
                }
            }
        }
        assertThat(names).as("command names").isNotEmpty();
        assertThat(mismatches)
                .as("commands that differ from Redis 7.0.15 COMMAND INFO (not in Redis: %s):%n%s",
                        onlyOurs, String.join("\n", mismatches))
                .isEmpty();
    }

    /** Flags and categories are sets: their order is checked byte for byte elsewhere. */
    private static Object comparable(Object v) {
        return v instanceof List<?> list ? new HashSet<>(list) : v;
    }
}
