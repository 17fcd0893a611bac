package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_AUTH;
import static io.redoubt.engine.command.CommandFlag.NO_MULTI;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import java.time.Instant;

/**
 * Connection and server control: RESET, AUTH, MONITOR, TIME, LASTSAVE, SHUTDOWN.
 */
public final class ServerControlCommands {
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
}
