package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_AUTH;
import static io.redoubt.engine.command.CommandFlag.NO_MULTI;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.CommandFlag.WRITE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import java.time.Instant;

/**
 * Connection and server control: RESET, AUTH, MONITOR, TIME, LASTSAVE, SHUTDOWN, and the FLUSH
 * subcommands of FUNCTION and SCRIPT (answered OK while scripting does not exist, so that clients and
 * test suites that flush everything between runs work).
 */
public final class ServerControlCommands {
    private static final String[] FUNCTION_HELP = {
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
            "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
            "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
            "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
            "    control how to handle existing libraries (default APPEND):",
            "    * FLUSH: delete all existing libraries.",
            "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
            "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
            "      libraries with the new libraries (notice that even on this option there is a chance of failure",
            "      in case of functions name collision with another library)."    };
    private final ServerContext server;

    public ServerControlCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("reset", 1).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .acl(AclCategory.CONNECTION).group("connection").since("6.2.0").summary("Reset the connection")
                .complexity("O(1)").handler(this::reset));
        t.add(CommandSpec.builder("auth", -2).flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .args("username:string@6.0.0? password:string")
                .history("6.0.0", "Added ACL style (username and password).")
                .acl(AclCategory.CONNECTION).group("connection").since("1.0.0").summary("Authenticate to the server")
                .complexity("O(N) where N is the number of passwords defined for the user").handler(this::auth));
        t.add(CommandSpec.builder("monitor", 1).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server")
                .since("1.0.0").summary("Listen for all requests received by the server in real time")
                .handler(this::monitor));
        t.add(CommandSpec.builder("time", 1).flags(LOADING, STALE, FAST).group("server").since("2.6.0")
                .summary("Return the current server time").complexity("O(1)").tips("nondeterministic_output")
                .handler(this::time));
        t.add(CommandSpec.builder("lastsave", 1).flags(LOADING, STALE, FAST).acl(AclCategory.ADMIN, AclCategory.DANGEROUS)
                .group("server").since("1.0.0").summary("Get the UNIX time stamp of the last successful save to disk")
                .complexity("O(1)").tips("nondeterministic_output")
                .handler(ctx -> ctx.reply().integer(server.rdb().lastSaveSeconds())));
        t.add(CommandSpec.builder("shutdown", -1).flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY)
                .args("nosave_save:oneof?(NOSAVE SAVE) NOW@7.0.0? FORCE@7.0.0? ABORT@7.0.0?")
                .history("7.0.0", "Added the `NOW`, `FORCE` and `ABORT` modifiers.")
                .group("server").since("1.0.0")
                .summary("Synchronously save the dataset to disk and then shut down the server")
                .complexity("O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)")
                .handler(this::shutdown));
        t.add(CommandSpec.builder("function", -2).group("scripting").since("7.0.0")
                .summary("A container for function commands").complexity("Depends on subcommand.")
                .sub(CommandSpec.builder("flush", -2).flags(WRITE, NOSCRIPT).acl(AclCategory.SCRIPTING)
                        .args("async:oneof?(ASYNC SYNC)")
                        .group("scripting").since("7.0.0").summary("Deleting all functions")
                        .complexity("O(N) where N is the number of functions deleted")
                        .tips("request_policy:all_shards", "response_policy:all_succeeded")
                        .handler(ctx -> flush(ctx, "FUNCTION FLUSH only supports SYNC|ASYNC option")))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.SCRIPTING)
                        .group("scripting").since("7.0.0").summary("Show helpful text about the different subcommands")
                        .complexity("O(1)").handler(ctx -> HelpReply.write(ctx.reply(), "function", FUNCTION_HELP))));
    }

    /** RESET: back to a fresh connection's state, replying +RESET. */
    private void reset(CommandContext ctx) {
        ((Session) ctx).resetConnectionState();
        ctx.reply().simple("RESET");
    }

    /** AUTH [username] password, as Redis 7.0: the one-argument form authenticates the default user. */
    private void auth(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw new CommandException(Errors.SYNTAX);
        }
        Session s = (Session) ctx;
        String user;
        byte[] password;
        if (argv.length == 2) {
            if (server.acl().users().defaultUser().state().nopass()) {
                throw new CommandException("ERR AUTH <password> called without any password configured for the "
                        + "default user. Are you sure your configuration is correct?");
            }
            user = io.redoubt.acl.UserDirectory.DEFAULT_USER;
            password = argv[1];
        } else {
            user = Args.text(argv[1]);
            password = argv[2];
        }
        server.acl().loginOrThrow(s, user, password);
        ctx.reply().ok();
    }

    private void monitor(CommandContext ctx) {
        Session s = (Session) ctx;
        if (!s.monitor()) {
            s.monitor(true);
            server.diagnostics().monitors().add(s);
        }
        ctx.reply().ok();
    }

    private void time(CommandContext ctx) {
        Instant now = server.clock().instant();
        ctx.reply().array(2);
        ctx.reply().bulk(Long.toString(now.getEpochSecond()));
        ctx.reply().bulk(Long.toString(now.getNano() / 1000));
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: saves first when save points are set (or with SAVE),
     * unless NOSAVE; FORCE stops even when that save fails.
     */
    private void shutdown(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean save = false;
        boolean nosave = false;
        boolean abort = false;
        boolean other = false;
        boolean force = false;
        for (int i = 1; i < argv.length; i++) {
            if (Args.is(argv[i], "NOSAVE")) {
                nosave = true;
            } else if (Args.is(argv[i], "SAVE")) {
                save = true;
            } else if (Args.is(argv[i], "NOW") || Args.is(argv[i], "FORCE")) {
                other = true;
                force |= Args.is(argv[i], "FORCE");
            } else if (Args.is(argv[i], "ABORT")) {
                abort = true;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if ((save && nosave) || (abort && (save || nosave || other))) {
            throw new CommandException(Errors.SYNTAX);
        }
        if (abort) {
            throw new CommandException("ERR No shutdown in progress.");
        }
        if (!nosave && (save || server.rdb().snapshotsScheduled()) && !server.rdb().saveForShutdown() && !force) {
            throw new CommandException("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        server.aof().close();
        server.rdb().finalSaveDone();
        // Redis exits without replying; the client sees the connection close.
        ((Session) ctx).closeAfterReply();
        server.shutdown();
    }

    private static void flush(CommandContext ctx, String optionError) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3 && Args.is(argv[0], "FUNCTION")) {
            String container = Args.text(argv[0]).toUpperCase(java.util.Locale.ROOT);
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.text(argv[1]) + "'. Try " + container + " HELP.");
        }
        if (argv.length > 3 || argv.length == 3 && !Args.is(argv[2], "SYNC") && !Args.is(argv[2], "ASYNC")) {
            throw new CommandException("ERR " + optionError);
        }
        ctx.reply().ok();
    }
}
