package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandArgument;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.Glob;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS, GETKEYSANDFLAGS, HELP), answered
 * from the {@link CommandTable} alone: a command is described exactly as its {@link CommandSpec}
 * declares it, so there is no second list of names or flags to keep in step.
 *
 * <p>The table is read lazily through the {@link ServerContext}, because this family is itself
 * registered while the table is being built.
 */
public final class CommandIntrospection {
    private static final String[] HELP = {
        "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.",
        "HELP",
        "    Prints this help.",
    };

    private final ServerContext server;

    public CommandIntrospection(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("command", -1).flags(LOADING, STALE).acl(AclCategory.CONNECTION)
                .group("server").since("2.8.13").summary("Get array of Redis command details")
                .complexity("O(N) where N is the total number of Redis commands")
                .tips("nondeterministic_output_order")
                .handler(this::all)
                .sub(sub("docs", -2, "7.0.0", "Get array of specific Redis command documentation",
                        "O(N) where N is the number of commands to look up")
                        .args("command-name:string?*")
                        .tips("nondeterministic_output_order").handler(this::docs))
                .sub(sub("help", 2, "5.0.0", "Show helpful text about the different subcommands", "O(1)")
                        .handler(this::help))
                .sub(sub("getkeysandflags", -4, "7.0.0", "Extract keys and access flags given a full Redis command",
                        "O(N) where N is the number of arguments to the command")
                        .handler(ctx -> getKeys(ctx, true)))
                .sub(sub("getkeys", -4, "2.8.13", "Extract keys given a full Redis command",
                        "O(N) where N is the number of arguments to the command")
                        .handler(ctx -> getKeys(ctx, false)))
                .sub(sub("count", 2, "2.8.13", "Get total number of Redis commands", "O(1)")
                        .handler(ctx -> ctx.reply().integer(table().size())))
                .sub(sub("list", -2, "7.0.0", "Get an array of Redis command names",
                        "O(N) where N is the total number of Redis commands")
                        .args("filterby:oneof=FILTERBY?(module-name:string=MODULE category:string=ACLCAT "
                                + "pattern:pattern=PATTERN)")
                        .tips("nondeterministic_output_order").handler(this::list))
                .sub(sub("info", -2, "2.8.13",
                        "Get array of specific Redis command details, or all when no argument is given.",
                        "O(N) where N is the number of commands to look up")
                        .args("command-name:string?*")
                        .history("7.0.0", "Allowed to be called with no argument to get info on all commands.")
                        .tips("nondeterministic_output_order").handler(this::info)));
    }

    private static CommandSpec.Builder sub(String name, int arity, String since, String summary, String complexity) {
        return CommandSpec.builder(name, arity).flags(LOADING, STALE).acl(AclCategory.CONNECTION)
                .group("server").since(since).summary(summary).complexity(complexity);
    }

    private CommandTable table() {
        return server.commands();
    }

    // ---- COMMAND, COMMAND INFO ---------------------------------------------------------------------

    private void all(CommandContext ctx) {
        ReplySink r = ctx.reply();
        r.array(table().size());
        for (CommandSpec spec : table().commands()) {
            writeInfo(r, spec);
        }
    }

    private void info(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length == 2) {
            all(ctx);
            return;
        }
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = byFullName(Args.text(argv[i]));
            if (spec == null) {
                r.nullBulk();
            } else {
                writeInfo(r, spec);
            }
        }
    }

    /** {@code get} or {@code config|get}, as COMMAND INFO and DOCS name commands. */
    private CommandSpec byFullName(String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table().lookup(name);
        }
        CommandSpec parent = table().lookup(name.substring(0, bar));
        if (parent == null || name.indexOf('|', bar + 1) >= 0) {
            return null;
        }
        return parent.subcommand(name.substring(bar + 1));
    }

    private static void writeInfo(ReplySink r, CommandSpec spec) {
        r.array(10);
        r.bulk(spec.fullName());
        r.integer(spec.arity());
        // Redis hides may_replicate from COMMAND INFO on purpose (addReplyCommandFlags)
        java.util.List<CommandFlag> shown = spec.flags().stream().filter(f -> f != CommandFlag.MAY_REPLICATE).toList();
        r.set(shown.size());
        for (CommandFlag f : shown) {
            r.simple(f.wireName());
        }
        r.integer(spec.legacyFirstKey());
        r.integer(spec.legacyLastKey());
        r.integer(spec.legacyStep());
        r.set(spec.categories().size());
        for (AclCategory c : spec.categories()) {
            r.simple("@" + c.wireName());
        }
        r.set(spec.tips().size());
        for (String tip : spec.tips()) {
            r.bulk(tip);
        }
        r.set(spec.keySpecs().size());
        for (KeySpec k : spec.keySpecs()) {
            writeKeySpec(r, k);
        }
        r.set(spec.subcommands().size());
        for (CommandSpec sub : spec.subcommands().values()) {
            writeInfo(r, sub);
        }
    }

    private static void writeKeySpec(ReplySink r, KeySpec k) {
        r.map(k.notes() == null ? 3 : 4);
        if (k.notes() != null) {
            r.bulk("notes");
            r.bulk(k.notes());
        }
        r.bulk("flags");
        writeKeyFlags(r, k);
        if (k.isUnknown()) {
            // Redis's KSPEC_BS_UNKNOWN / KSPEC_FK_UNKNOWN: a type and an empty spec each
            for (String step : new String[] {"begin_search", "find_keys"}) {
                r.bulk(step);
                r.map(2);
                r.bulk("type");
                r.bulk("unknown");
                r.bulk("spec");
                r.map(0);
            }
            return;
        }
        r.bulk("begin_search");
        r.map(2);
        r.bulk("type");
        if (k.isKeyword()) {
            r.bulk("keyword");
            r.bulk("spec");
            r.map(2);
            r.bulk("keyword");
            r.bulk(k.keywordText());
            r.bulk("startfrom");
            r.integer(k.index());
        } else {
            r.bulk("index");
            r.bulk("spec");
            r.map(1);
            r.bulk("index");
            r.integer(k.index());
        }
        r.bulk("find_keys");
        r.map(2);
        r.bulk("type");
        if (k.isKeynum()) {
            r.bulk("keynum");
            r.bulk("spec");
            r.map(3);
            r.bulk("keynumidx");
            r.integer(k.keynumIdx());
            r.bulk("firstkey");
            r.integer(k.firstKey());
            r.bulk("keystep");
            r.integer(k.step());
        } else {
            r.bulk("range");
            r.bulk("spec");
            r.map(3);
            r.bulk("lastkey");
            r.integer(k.lastKey());
            r.bulk("keystep");
            r.integer(k.step());
            r.bulk("limit");
            r.integer(k.limit());
        }
    }

    private static void writeKeyFlags(ReplySink r, KeySpec k) {
        writeKeyFlags(r, k.flags());
    }

    /** In Redis's order, which is the enum's. */
    private static void writeKeyFlags(ReplySink r, java.util.Set<KeySpec.Flag> flags) {
        r.set(flags.size());
        for (KeySpec.Flag f : KeySpec.Flag.values()) {
            if (flags.contains(f)) {
                r.simple(f.wireName());
            }
        }
    }

    // ---- COMMAND DOCS ------------------------------------------------------------------------------

    private void docs(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        ReplySink r = ctx.reply();
        List<CommandSpec> found = new ArrayList<>();
        if (argv.length == 2) {
            found.addAll(table().commands());
        } else {
            for (int i = 2; i < argv.length; i++) {
                CommandSpec spec = byFullName(Args.text(argv[i]));
                if (spec != null) {
                    found.add(spec);
                }
            }
        }
        r.map(found.size());
        for (CommandSpec spec : found) {
            r.bulk(spec.fullName());
            writeDocs(r, spec);
        }
    }

    /** The fields in Redis's order; each present only when the spec has it. */
    private static void writeDocs(ReplySink r, CommandSpec spec) {
        boolean summary = !spec.summary().isEmpty();
        boolean complexity = !spec.complexity().isEmpty();
        int fields = 2 + (summary ? 1 : 0) + (complexity ? 1 : 0)
                + (spec.docFlags().isEmpty() ? 0 : 1)
                + (spec.deprecatedSince() == null ? 0 : 1)
                + (spec.replacedBy() == null ? 0 : 1)
                + (spec.history().isEmpty() ? 0 : 1)
                + (spec.arguments().isEmpty() ? 0 : 1)
                + (spec.isContainer() ? 1 : 0);
        r.map(fields);
        if (summary) {
            r.bulk("summary");
            r.bulk(spec.summary());
        }
        r.bulk("since");
        r.bulk(spec.since());
        r.bulk("group");
        r.bulk(spec.group());
        if (complexity) {
            r.bulk("complexity");
            r.bulk(spec.complexity());
        }
        if (!spec.docFlags().isEmpty()) {
            r.bulk("doc_flags");
            r.set(spec.docFlags().size());
            for (String f : spec.docFlags()) {
                r.simple(f);
            }
        }
        if (spec.deprecatedSince() != null) {
            r.bulk("deprecated_since");
            r.bulk(spec.deprecatedSince());
        }
        if (spec.replacedBy() != null) {
            r.bulk("replaced_by");
            r.bulk(spec.replacedBy());
        }
        if (!spec.history().isEmpty()) {
            r.bulk("history");
            r.set(spec.history().size());
            for (String[] h : spec.history()) {
                r.array(2);
                r.bulk(h[0]);
                r.bulk(h[1]);
            }
        }
        if (!spec.arguments().isEmpty()) {
            r.bulk("arguments");
            writeArguments(r, spec.arguments());
        }
        if (spec.isContainer()) {
            r.bulk("subcommands");
            r.map(spec.subcommands().size());
            for (CommandSpec sub : spec.subcommands().values()) {
                r.bulk(sub.fullName());
                writeDocs(r, sub);
            }
        }
    }

    private static void writeArguments(ReplySink r, List<CommandArgument> args) {
        r.array(args.size());
        for (CommandArgument a : args) {
            int fields = 2 + (a.displayText() == null ? 0 : 1) + (a.keySpecIndex() < 0 ? 0 : 1)
                    + (a.token() == null ? 0 : 1) + (a.since() == null ? 0 : 1)
                    + (a.deprecatedSince() == null ? 0 : 1) + (a.flagCount() == 0 ? 0 : 1)
                    + (a.arguments().isEmpty() ? 0 : 1);
            r.map(fields);
            r.bulk("name");
            r.bulk(a.name());
            r.bulk("type");
            r.bulk(a.type().wireName());
            if (a.displayText() != null) {
                r.bulk("display_text");
                r.bulk(a.displayText());
            }
            if (a.keySpecIndex() >= 0) {
                r.bulk("key_spec_index");
                r.integer(a.keySpecIndex());
            }
            if (a.token() != null) {
                r.bulk("token");
                r.bulk(a.token());
            }
            if (a.since() != null) {
                r.bulk("since");
                r.bulk(a.since());
            }
            if (a.deprecatedSince() != null) {
                r.bulk("deprecated_since");
                r.bulk(a.deprecatedSince());
            }
            if (a.flagCount() > 0) {
                r.bulk("flags");
                r.set(a.flagCount());
                if (a.optional()) {
                    r.simple("optional");
                }
                if (a.multiple()) {
                    r.simple("multiple");
                }
                if (a.multipleToken()) {
                    r.simple("multiple_token");
                }
            }
            if (!a.arguments().isEmpty()) {
                r.bulk("arguments");
                writeArguments(r, a.arguments());
            }
        }
    }

    // ---- COMMAND LIST ------------------------------------------------------------------------------

    private void list(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Predicate<CommandSpec> filter;
        if (argv.length == 2) {
            filter = spec -> true;
        } else if (argv.length == 5 && Args.is(argv[2], "FILTERBY")) {
            String value = Args.text(argv[4]);
            if (Args.is(argv[3], "MODULE")) {
                filter = spec -> false; // no modules
            } else if (Args.is(argv[3], "ACLCAT")) {
                AclCategory cat = AclCategory.byName(value);
                filter = spec -> cat != null && spec.categories().contains(cat);
            } else if (Args.is(argv[3], "PATTERN")) {
                filter = spec -> Glob.matches(value, spec.fullName(), true);
            } else {
                throw new CommandException("ERR syntax error");
            }
        } else {
            throw new CommandException("ERR syntax error");
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : table().commands()) {
            if (filter.test(spec)) {
                names.add(spec.fullName());
            }
            for (CommandSpec sub : spec.subcommands().values()) {
                if (filter.test(sub)) {
                    names.add(sub.fullName());
                }
            }
        }
        ReplySink r = ctx.reply();
        r.array(names.size());
        for (String n : names) {
            r.bulk(n);
        }
    }

    // ---- COMMAND GETKEYS / GETKEYSANDFLAGS ---------------------------------------------------------

    private void getKeys(CommandContext ctx, boolean withFlags) {
        byte[][] argv = ctx.argv();
        byte[][] target = Arrays.copyOfRange(argv, 2, argv.length);
        CommandSpec spec = table().find(target);
        if (spec == null) {
            throw new CommandException("ERR Invalid command specified");
        }
        if (!hasKeys(spec)) {
            throw new CommandException("ERR The command has no key arguments");
        }
        if (!spec.arityAccepts(target.length)) {
            throw new CommandException("ERR Invalid number of arguments specified for command");
        }
        List<Integer> found = new ArrayList<>();
        List<java.util.Set<KeySpec.Flag>> foundFlags = new ArrayList<>();
        spec.keysWithFlags(target, (i, flags) -> {
            found.add(i);
            foundFlags.add(flags);
        });
        if (found.isEmpty()) {
            if (spec.has(CommandFlag.NO_MANDATORY_KEYS)) {
                ctx.reply().array(0);
                return;
            }
            throw new CommandException("ERR Invalid arguments specified for command");
        }
        ReplySink r = ctx.reply();
        r.array(found.size());
        for (int k = 0; k < found.size(); k++) {
            if (withFlags) {
                r.array(2);
                r.bulk(target[found.get(k)]);
                writeKeyFlags(r, foundFlags.get(k));
            } else {
                r.bulk(target[found.get(k)]);
            }
        }
    }

    private static boolean hasKeys(CommandSpec spec) {
        for (KeySpec k : spec.keySpecs()) {
            if (!k.flags().contains(KeySpec.Flag.NOT_KEY)) {
                return true;
            }
        }
        return false;
    }

    private void help(CommandContext ctx) {
        ReplySink r = ctx.reply();
        r.array(HELP.length);
        for (String line : HELP) {
            r.simple(line);
        }
    }
}
