package io.redoubt.engine.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The immutable table of every command the server knows. Families register their specs through
 * {@link Builder}; the table assigns each command and subcommand a dense {@link CommandSpec#id}.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName;
    private final List<CommandSpec> all;       // commands and subcommands, indexed by id
    private final CommandNameIndex byRawName;

    private CommandTable(Map<String, CommandSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        List<CommandSpec> list = new ArrayList<>();
        for (CommandSpec spec : byName.values()) {
            spec.id(list.size());
            list.add(spec);
            for (CommandSpec sub : spec.subcommands().values()) {
                sub.id(list.size());
                list.add(sub);
            }
        }
        this.all = Collections.unmodifiableList(list);
        this.byRawName = new CommandNameIndex(byName.values());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec a request names: its command, or the container's subcommand when the command is a
     * container and a second word follows (Redis's lookupCommand); null for an unknown command or
     * subcommand. Arity is not checked: see {@link io.redoubt.engine.exec.CommandResolution}.
     */
    public CommandSpec find(byte[][] argv) {
        CommandSpec spec = lookup(argv[0]);
        if (spec != null && spec.isContainer() && argv.length >= 2) {
            return spec.subcommand(new String(argv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return spec;
    }

    /** The command named by {@code name} in any letter case, or null. */
    public CommandSpec lookup(byte[] name) {
        return byRawName.find(name);
    }

    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Top-level commands in registration order. */
    public Collection<CommandSpec> commands() {
        return byName.values();
    }

    /** Commands and subcommands, indexed by {@link CommandSpec#id}. */
    public List<CommandSpec> allSpecs() {
        return all;
    }

    public int size() {
        return byName.size();
    }

    /** Collects specs from command families. */
    public static final class Builder {
        private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

        public Builder add(CommandSpec.Builder spec) {
            CommandSpec built = spec.build();
            if (specs.putIfAbsent(built.name(), built) != null) {
                throw new IllegalStateException("command " + built.name() + " registered twice");
            }
            return this;
        }

        public CommandTable build() {
            return new CommandTable(new LinkedHashMap<>(specs));
        }
    }
}
