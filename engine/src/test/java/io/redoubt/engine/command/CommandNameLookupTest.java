package io.redoubt.engine.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.engine.hashes.HashCommands;
import io.redoubt.engine.keys.KeyCommands;
import io.redoubt.engine.keys.ObjectCommands;
import io.redoubt.engine.strings.StringCommands;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The byte-level command lookup every request goes through: exact names in any ASCII case, nothing else. */
class CommandNameLookupTest {
    private final CommandTable table = table();

    private static CommandTable table() {
        CommandTable.Builder b = CommandTable.builder();
        new KeyCommands().register(b);
        new StringCommands().register(b);
        new HashCommands().register(b);
        new ObjectCommands().register(b);
        return b.build();
    }

    private CommandSpec lookup(String name) {
        return table.lookup(name.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void everyCommandIsFoundInAnyLetterCase() {
        assertThat(table.commands()).hasSizeGreaterThan(50);
        for (CommandSpec spec : table.commands()) {
            String name = spec.name();
            assertThat(lookup(name)).as(name).isSameAs(spec);
            assertThat(lookup(name.toUpperCase(Locale.ROOT))).as(name).isSameAs(spec);
            StringBuilder mixed = new StringBuilder();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                mixed.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
            }
            assertThat(lookup(mixed.toString())).as(mixed.toString()).isSameAs(spec);
            assertThat(lookup(name)).isSameAs(table.lookup(name));
        }
    }

    @Test
    void nearMissesAreUnknown() {
        assertThat(lookup("get")).isNotNull();
        assertThat(lookup("ge")).isNull();
        assertThat(lookup("gett")).isNull();
        assertThat(lookup("get ")).isNull();
        assertThat(lookup("get\0")).isNull();
        assertThat(lookup("")).isNull();
        assertThat(lookup("nosuchcommand")).isNull();
        // only A-Z fold: Latin-1 capitals above 0x7f are other bytes, and so are the neighbours of A and Z
        assertThat(lookup("g@t")).isNull();
        assertThat(lookup("g\u00c5t")).isNull();
        assertThat(lookup("\u00c7ET")).isNull();
        assertThat(lookup("x".repeat(100_000))).isNull();
    }

    @Test
    void subcommandContainersAreFoundByTheirOwnName() {
        CommandSpec object = lookup("OBJECT");
        assertThat(object).isNotNull();
        assertThat(object.isContainer()).isTrue();
        assertThat(lookup("object|encoding")).isNull();
    }
}
