package io.redoubt.engine.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec of the keys families matches what Redis 7.0.15 declares in COMMAND INFO and COMMAND DOCS
 * (in {@code command-info-7.0.15.tsv}, generated from a live Redis by
 * {@code engine/src/test/scripts/command-info-7.0.15.py}): arity, flags, legacy key range, ACL categories, tips,
 * key specs, summary, since, group and complexity.
 */
class CommandSpecsTest {

    @TestFactory
    Stream<DynamicTest> specsMatchRedis() throws IOException {
        CommandTable.Builder b = CommandTable.builder();
        new KeyCommands().register(b);
        new ExpireCommands().register(b);
        new ObjectCommands().register(b);
        new SortCommands(io.redoubt.engine.lists.ListValue::of).register(b);
        CommandTable table = b.build();
        List<String> lines = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("command-info-7.0.15.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line);
                }
            }
        }
        assertThat(lines).hasSize(table.allSpecs().size());
        return lines.stream().map(expected -> {
            String name = expected.substring(0, expected.indexOf('\t'));
            return DynamicTest.dynamicTest(name, () -> {
                CommandSpec spec = find(table, name);
                assertThat(spec).as(name).isNotNull();
                assertThat(render(spec)).isEqualTo(expected);
            });
        });
    }

    private static CommandSpec find(CommandTable table, String fullName) {
        int bar = fullName.indexOf('|');
        if (bar < 0) {
            return table.lookup(fullName);
        }
        CommandSpec parent = table.lookup(fullName.substring(0, bar));
        return parent == null ? null : parent.subcommand(fullName.substring(bar + 1));
    }

    /** The same fields as the captured line, in the same normalized form. */
    private static String render(CommandSpec s) {
        String flags = s.flags().stream().map(CommandFlag::wireName).sorted().collect(Collectors.joining(","));
        String categories = s.categories().stream().map(c -> "@" + c.wireName()).sorted()
                .collect(Collectors.joining(","));
        String keySpecs = s.keySpecs().stream().map(CommandSpecsTest::render).collect(Collectors.joining(";"));
        return String.join("\t", s.fullName(), Integer.toString(s.arity()), flags,
                s.legacyFirstKey() + "," + s.legacyLastKey() + "," + s.legacyStep(), categories,
                String.join(",", s.tips()), keySpecs, s.summary(), s.since(), s.group(), s.complexity());
    }

    private static String render(KeySpec k) {
        String flags = k.flags().stream().map(f -> f.wireName().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(","));
        return flags + "@" + k.index() + ":" + k.lastKey() + "," + k.step() + "," + k.limit();
    }
}
