package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ALLOW_BUSY;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.NO_MULTI;
import static io.redoubt.engine.command.CommandFlag.SKIP_SLOWLOG;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queueing itself is the dispatcher's job. */
public final class TransactionCommands {
    private final ServerContext server;

    public TransactionCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("multi", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)

                .acl(AclCategory.TRANSACTION).group("transactions").since("1.2.0")
                .summary("Mark the start of a transaction block").complexity("O(1)").handler(this::multi));
        t.add(CommandSpec.builder("exec", 1).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)

                .acl(AclCategory.TRANSACTION).group("transactions").since("1.2.0")
                .summary("Execute all commands issued after MULTI")
                .complexity("Depends on commands in the transaction").handler(this::exec));
        t.add(CommandSpec.builder("discard", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)

                .acl(AclCategory.TRANSACTION).group("transactions").since("2.0.0")
                .summary("Discard all commands issued after MULTI").complexity("O(N), when N is the number of queued commands")
                .handler(this::discard));
        t.add(CommandSpec.builder("watch", -2).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                .args("key:key#0*")
                .acl(AclCategory.TRANSACTION).key(KeySpec.range(1, -1, 1, KeySpec.Flag.RO))
                .group("transactions").since("2.2.0")
                .summary("Watch the given keys to determine execution of the MULTI/EXEC block")
                .complexity("O(1) for every key.").handler(this::watch));
        t.add(CommandSpec.builder("unwatch", 1).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)

                .acl(AclCategory.TRANSACTION).group("transactions").since("2.2.0")
                .summary("Forget about all watched keys").complexity("O(1)")
                .handler(this::unwatch));
    }

    private void multi(CommandContext ctx) {
        Session s = (Session) ctx;
        if (s.transaction() != null) {
            throw new CommandException("ERR MULTI calls can not be nested");
        }
        s.transaction(new Transaction());
        ctx.reply().ok();
    }

    private void exec(CommandContext ctx) {
        server.dispatcher().exec((Session) ctx);
    }

    private void discard(CommandContext ctx) {
        Session s = (Session) ctx;
        if (s.transaction() == null) {
            throw new CommandException("ERR DISCARD without MULTI");
        }
        s.resetTransaction();
        ctx.reply().ok();
    }

    private void watch(CommandContext ctx) {
        Session s = (Session) ctx;
        if (s.transaction() != null) {
            throw new CommandException("ERR WATCH inside MULTI is not allowed");
        }
        byte[][] argv = ctx.argv();
        for (int i = 1; i < argv.length; i++) {
            server.watchedKeys().watch(s, ctx.db(), argv[i]);
        }
        ctx.reply().ok();
    }

    private void unwatch(CommandContext ctx) {
        Session s = (Session) ctx;
        server.watchedKeys().unwatchAll(s);
        s.clearWatchDirty();
        ctx.reply().ok();
    }

    static boolean controlsTransaction(CommandSpec spec) {
        String n = spec.name();
        return spec.parent() == null && (n.equals("exec") || n.equals("discard") || n.equals("multi")
                || n.equals("watch") || n.equals("quit") || n.equals("reset"));
    }

    /** The commands that end a transaction, which Redis admits under maxmemory even inside MULTI. */
    static boolean endsTransaction(CommandSpec spec) {
        String n = spec.name();
        return spec.parent() == null && (n.equals("exec") || n.equals("discard") || n.equals("quit") || n.equals("reset"));
    }

    static boolean refusedInMulti(CommandSpec spec) {
        return spec.has(NO_MULTI);
    }
}
