package io.redoubt.scripting;

import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_MANDATORY_KEYS;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.SKIP_MONITOR;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.Propagation;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD|EXISTS|FLUSH|KILL|HELP with Redis 7.0.15's specs,
 * replies and errors. A script's effects reach the AOF as the commands it ran, so EVAL itself is
 * never logged.
 */
public final class ScriptingCommands {
    private static final String[] SCRIPT_HELP = {
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
    };
    private static final String EVAL_NOTES =
            "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE";
    private static final String EVAL_RO_NOTES =
            "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS";

    private final Scripts scripts;

    public ScriptingCommands(Scripts scripts) {
        this.scripts = scripts;
    }

    public void register(CommandTable.Builder t) {
        t.add(eval("eval", "script", false, EVAL_NOTES).since("2.6.0").summary("Execute a Lua script server side")
                .handler(ctx -> eval(ctx, false)));
        t.add(eval("evalsha", "sha1", false, null).since("2.6.0")
                .summary("Execute a Lua script server side").handler(ctx -> evalsha(ctx, false)));
        t.add(eval("eval_ro", "script", true, EVAL_RO_NOTES).since("7.0.0")
                .summary("Execute a read-only Lua script server side").handler(ctx -> eval(ctx, true)));
        t.add(eval("evalsha_ro", "sha1", true, null).since("7.0.0")
                .summary("Execute a read-only Lua script server side").handler(ctx -> evalsha(ctx, true)));
        t.add(CommandSpec.builder("script", -2).group("scripting").since("2.6.0")
                .summary("A container for Lua scripts management commands").complexity("Depends on subcommand.")
                .sub(CommandSpec.builder("exists", -3).flags(NOSCRIPT).acl(AclCategory.SCRIPTING)
                        .args("sha1:string*")
                        .group("scripting").since("2.6.0").summary("Check existence of scripts in the script cache.")
                        .complexity("O(N) with N being the number of scripts to check (so checking a single "
                                + "script is an O(1) operation).")
                        .tips("request_policy:all_shards", "response_policy:agg_logical_and")
                        .handler(this::exists))
                .sub(CommandSpec.builder("flush", -2).flags(NOSCRIPT).acl(AclCategory.SCRIPTING)
                        .args("async:oneof@6.2.0?(ASYNC SYNC)")
                        .history("6.2.0", "Added the `ASYNC` and `SYNC` flushing mode modifiers.")
                        .group("scripting").since("2.6.0").summary("Remove all the scripts from the script cache.")
                        .complexity("O(N) with N being the number of scripts in cache")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .handler(this::flush))
                .sub(CommandSpec.builder("help", 2).flags(CommandFlag.LOADING, STALE).acl(AclCategory.SCRIPTING)
                        .group("scripting").since("5.0.0").summary("Show helpful text about the different subcommands")
                        .complexity("O(1)").handler(this::help))
                .sub(CommandSpec.builder("kill", 2).flags(NOSCRIPT, ALLOW_BUSY).acl(AclCategory.SCRIPTING)
                        .group("scripting").since("2.6.0").summary("Kill the script currently in execution.")
                        .complexity("O(1)").tips("request_policy:all_shards", "response_policy:one_succeeded")
                        .handler(this::kill))
                .sub(CommandSpec.builder("load", 3).flags(NOSCRIPT, STALE).acl(AclCategory.SCRIPTING)
                        .args("script:string")
                        .group("scripting").since("2.6.0").summary("Load the specified Lua script into the script cache.")
                        .complexity("O(N) with N being the length in bytes of the script body.")
                        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
                        .handler(this::load)));
    }

    private static CommandSpec.Builder eval(String name, String first, boolean readOnly, String notes) {
        KeySpec keys = readOnly ? KeySpec.keynum(2, 0, 1, 1, RO, ACCESS) : KeySpec.keynum(2, 0, 1, 1, RW, ACCESS, UPDATE);
        if (notes != null) {
            keys = keys.notes(notes);
        }
        CommandSpec.Builder b = CommandSpec.builder(name, -3);
        if (readOnly) {
            b.flags(READONLY, NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS);
        } else {
            b.flags(NOSCRIPT, STALE, SKIP_MONITOR, NO_MANDATORY_KEYS, MOVABLEKEYS);
        }
        return b.acl(AclCategory.SCRIPTING)
                .args(first + ":string numkeys:integer key:key#0?* arg:string?*")
                .key(keys).group("scripting").complexity("Depends on the script that is executed.")
                .propagates(Propagation.AS_SENT);
    }

    private void eval(CommandContext ctx, boolean readOnly) {
        int numkeys = numkeys(ctx);
        Scripts.Script script = scripts.load(ctx.argv()[1]);
        scripts.run(script, ctx, numkeys, readOnly);
    }

    private void evalsha(CommandContext ctx, boolean readOnly) {
        int numkeys = numkeys(ctx);
        Scripts.Script script = scripts.find(ctx.argv()[1]);
        if (script == null) {
            throw new CommandException("NOSCRIPT No matching script. Please use EVAL.");
        }
        scripts.run(script, ctx, numkeys, readOnly);
    }

    private static int numkeys(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = Args.parseLong(argv[2], Errors.NOT_INTEGER);
        if (n > argv.length - 3) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        if (n < 0) {
            throw new CommandException("ERR Number of keys can't be negative");
        }
        return (int) n;
    }

    private void load(CommandContext ctx) {
        ctx.reply().bulk(scripts.load(ctx.argv()[2]).sha());
    }

    private void exists(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            r.integer(scripts.exists(argv[i]) ? 1 : 0);
        }
    }

    private void flush(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3 || (argv.length == 3 && !Args.is(argv[2], "sync") && !Args.is(argv[2], "async"))) {
            throw new CommandException("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
        }
        scripts.flush();
        ctx.reply().ok();
    }

    /** No script runs while another client's command is served (scripts run to their end for now). */
    private void kill(CommandContext ctx) {
        throw new CommandException("NOTBUSY No scripts in execution right now.");
    }

    private void help(CommandContext ctx) {
        HelpReply.write(ctx.reply(), "SCRIPT", SCRIPT_HELP);
    }
}
