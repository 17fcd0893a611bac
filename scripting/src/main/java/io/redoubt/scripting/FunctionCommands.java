package io.redoubt.scripting;

import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_MANDATORY_KEYS;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.SKIP_MONITOR;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.Glob;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.resp.ReplySink;
import java.util.List;

/**
 * FUNCTION LOAD|LIST|DELETE|FLUSH|DUMP|RESTORE|STATS|KILL|HELP, FCALL and FCALL_RO with Redis 7.0.15's
 * specs, replies and errors. The FUNCTION writes are recorded as sent (Redis propagates them so); an
 * FCALL's effects reach the logs as the commands it ran, as EVAL's do.
 */
public final class FunctionCommands {
    private static final String[] HELP = {
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION "
                + "RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
    };
    private static final String[] ALL_SHARDS_SUCCEED = {"request_policy:all_shards", "response_policy:all_succeeded"};

    private final Functions functions;
    private final LibraryPayloads payloads;
    private final Runnable recordAsWrite;

    /**
     * @param recordAsWrite tells the command logs that the running command changed the data set though
     *                      no key (so FUNCTION LOAD and the others are recorded as sent)
     */
    public FunctionCommands(Functions functions, LibraryPayloads payloads, Runnable recordAsWrite) {
        this.functions = functions;
        this.payloads = payloads;
        this.recordAsWrite = recordAsWrite;
    }

    public void register(CommandTable.Builder t) {
        t.add(fcall("fcall", false).summary("Invoke a function").handler(ctx -> fcall(ctx, false)));
        t.add(fcall("fcall_ro", true).summary("Invoke a read-only function").handler(ctx -> fcall(ctx, true)));
        t.add(CommandSpec.builder("function", -2).group("scripting").since("7.0.0")
                .summary("A container for function commands").complexity("Depends on subcommand.")
                .sub(sub("delete", 3).flags(WRITE, NOSCRIPT).args("library-name:string")
                        .summary("Delete a function by name").complexity("O(1)").tips(ALL_SHARDS_SUCCEED)
                        .handler(this::delete))
                .sub(sub("dump", 2).flags(NOSCRIPT).summary("Dump all functions into a serialized binary payload")
                        .complexity("O(N) where N is the number of functions").handler(this::dump))
                .sub(sub("flush", -2).flags(WRITE, NOSCRIPT).args("async:oneof?(ASYNC SYNC)")
                        .summary("Deleting all functions").complexity("O(N) where N is the number of functions deleted")
                        .tips(ALL_SHARDS_SUCCEED).handler(this::flush))
                .sub(sub("help", 2).flags(LOADING, STALE).summary("Show helpful text about the different subcommands")
                        .complexity("O(1)").handler(this::help))
                .sub(sub("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).summary("Kill the function currently in execution.")
                        .complexity("O(1)").tips("request_policy:all_shards", "response_policy:one_succeeded")
                        .handler(this::kill))
                .sub(sub("list", -2).flags(NOSCRIPT).args("library-name-pattern:string=LIBRARYNAME? withcode=WITHCODE?")
                        .summary("List information about all the functions")
                        .complexity("O(N) where N is the number of functions").tips("nondeterministic_output_order")
                        .handler(this::list))
                .sub(sub("load", -3).flags(WRITE, DENYOOM, NOSCRIPT).args("replace=REPLACE? function-code:string")
                        .summary("Create a function with the given arguments (name, code, description)")
                        .complexity("O(1) (considering compilation time is redundant)").tips(ALL_SHARDS_SUCCEED)
                        .handler(this::load))
                .sub(sub("restore", -3).flags(WRITE, DENYOOM, NOSCRIPT)
                        .args("serialized-value:string policy:oneof?(FLUSH APPEND REPLACE)")
                        .summary("Restore all the functions on the given payload")
                        .complexity("O(N) where N is the number of functions on the payload").tips(ALL_SHARDS_SUCCEED)
                        .handler(this::restore))
                .sub(sub("stats", 2).flags(NOSCRIPT, ALLOW_BUSY)
                        .summary("Return information about the function currently running (name, description, duration)")
                        .complexity("O(1)")
                        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                        .handler(this::stats)));
    }

    private static CommandSpec.Builder sub(String name, int arity) {
        return CommandSpec.builder(name, arity).acl(AclCategory.SCRIPTING).group("scripting").since("7.0.0")
                .propagates(Propagation.AS_SENT);
    }

    private static CommandSpec.Builder fcall(String name, boolean readOnly) {
        KeySpec keys = readOnly
                ? KeySpec.keynum(2, 0, 1, 1, RO, ACCESS)
                        .notes("We cannot tell how the keys will be used so we assume the worst, RO and ACCESS")
                : KeySpec.keynum(2, 0, 1, 1, RW, ACCESS, UPDATE)
                        .notes("We cannot tell how the keys will be used so we assume the worst, RW and UPDATE");
        CommandSpec.Builder b = CommandSpec.builder(name, -3);
        if (readOnly) {
            b.flags(READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS);
        } else {
            b.flags(NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS);
        }
        return b.acl(AclCategory.SCRIPTING).args("function:string numkeys:integer key:key#0?* arg:string?*")
                .key(keys).group("scripting").since("7.0.0").complexity("Depends on the function that is executed.")
                .propagates(Propagation.AS_SENT);
    }

    private void fcall(CommandContext ctx, boolean readOnly) {
        byte[][] argv = ctx.argv();
        Functions.Function f = functions.find(argv[1]);
        if (f == null) {
            throw new CommandException("ERR Function not found");
        }
        Long parsed = Args.parseLongOrNull(argv[2]);
        if (parsed == null) {
            throw new CommandException("ERR Bad number of keys provided");
        }
        long n = parsed;
        if (n > argv.length - 3) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        if (n < 0) {
            throw new CommandException("ERR Number of keys can't be negative");
        }
        functions.call(f, ctx, (int) n, readOnly);
    }

    private static CommandException syntax(byte[][] argv) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + Args.text(argv[1])
                + "'. Try FUNCTION HELP.");
    }

    private void load(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean replace = false;
        int pos = 2;
        while (pos < argv.length - 1) {
            byte[] option = argv[pos++];
            if (Args.is(option, "replace")) {
                replace = true;
                continue;
            }
            throw new CommandException("ERR Unknown option given: " + Args.text(option));
        }
        String name = functions.load(argv[pos], replace);
        recordAsWrite.run();
        ctx.reply().bulk(name);
    }

    private void delete(CommandContext ctx) {
        if (!functions.delete(ctx.argv()[2])) {
            throw new CommandException("ERR Library not found");
        }
        recordAsWrite.run();
        ctx.reply().ok();
    }

    private void flush(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw syntax(argv);
        }
        if (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async")) {
            throw new CommandException("ERR FUNCTION FLUSH only supports SYNC|ASYNC option");
        }
        functions.flush();
        recordAsWrite.run();
        ctx.reply().ok();
    }

    private void dump(CommandContext ctx) {
        ctx.reply().bulk(payloads.dump(functions.codes()));
    }

    private void restore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 4) {
            throw syntax(argv);
        }
        Functions.RestorePolicy policy = Functions.RestorePolicy.APPEND;
        if (argv.length == 4) {
            if (Args.is(argv[3], "append")) {
                policy = Functions.RestorePolicy.APPEND;
            } else if (Args.is(argv[3], "replace")) {
                policy = Functions.RestorePolicy.REPLACE;
            } else if (Args.is(argv[3], "flush")) {
                policy = Functions.RestorePolicy.FLUSH;
            } else {
                throw new CommandException(
                        "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.");
            }
        }
        List<byte[]> codes;
        try {
            codes = payloads.read(argv[2]);
        } catch (IllegalArgumentException e) {
            throw new CommandException("ERR " + e.getMessage());
        }
        if (codes == null) {
            throw new CommandException("ERR DUMP payload version or checksum are wrong");
        }
        functions.restore(codes, policy);
        recordAsWrite.run();
        ctx.reply().ok();
    }

    private void list(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < argv.length; i++) {
            if (!withCode && Args.is(argv[i], "withcode")) {
                withCode = true;
                continue;
            }
            if (pattern == null && Args.is(argv[i], "libraryname")) {
                if (i >= argv.length - 1) {
                    throw new CommandException("ERR library name argument was not given");
                }
                pattern = argv[++i];
                continue;
            }
            throw new CommandException("ERR Unknown argument " + Args.text(argv[i]));
        }
        java.util.List<Functions.Library> shown = new java.util.ArrayList<>();
        for (Functions.Library lib : functions.libraries()) {
            if (pattern == null || Glob.matches(pattern, lib.name().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    true)) {
                shown.add(lib);
            }
        }
        ReplySink r = ctx.reply();
        r.array(shown.size());
        for (Functions.Library lib : shown) {
            r.map(withCode ? 4 : 3);
            r.bulk("library_name");
            r.bulk(lib.name());
            r.bulk("engine");
            r.bulk("LUA");
            r.bulk("functions");
            r.array(lib.functions().size());
            for (Functions.Function f : lib.functions().values()) {
                r.map(3);
                r.bulk("name");
                r.bulk(f.name());
                r.bulk("description");
                if (f.description() == null) {
                    r.nullBulk();
                } else {
                    r.bulk(f.description());
                }
                r.bulk("flags");
                r.set(f.flagNames().size());
                for (String flag : f.flagNames()) {
                    r.simple(flag);
                }
            }
            if (withCode) {
                r.bulk("library_code");
                r.bulk(lib.code());
            }
        }
    }

    private void stats(CommandContext ctx) {
        ReplySink r = ctx.reply();
        r.map(2);
        r.bulk("running_script");
        r.nullBulk();
        r.bulk("engines");
        r.map(1);
        r.bulk("LUA");
        r.map(2);
        r.bulk("libraries_count");
        r.integer(functions.libraryCount());
        r.bulk("functions_count");
        r.integer(functions.functionCount());
    }

    /** No function runs while another client's command is served (functions run to their end for now). */
    private void kill(CommandContext ctx) {
        throw new CommandException("NOTBUSY No scripts in execution right now.");
    }

    private void help(CommandContext ctx) {
        HelpReply.write(ctx.reply(), "FUNCTION", HELP);
    }
}
