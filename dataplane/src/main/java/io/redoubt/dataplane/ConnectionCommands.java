package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NO_AUTH;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;

/** Connection commands: PING, ECHO, QUIT, SELECT, HELLO. */
public final class ConnectionCommands {
    private final ServerContext server;

    public ConnectionCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("ping", -1).flags(FAST).acl(AclCategory.CONNECTION)
                .args("message:string?")
                .group("connection").since("1.0.0").summary("Ping the server")
                .complexity("O(1)").tips("request_policy:all_shards", "response_policy:all_succeeded")
                .handler(this::ping));
        t.add(CommandSpec.builder("echo", 2).flags(LOADING, STALE, FAST).acl(AclCategory.CONNECTION)
                .args("message:string")
                .group("connection").since("1.0.0").summary("Echo the given string").complexity("O(1)")
                .handler(ctx -> ctx.reply().bulk(ctx.argv()[1])));
        t.add(CommandSpec.builder("quit", -1)
                .flags(io.redoubt.engine.command.CommandFlag.ALLOW_BUSY, NO_AUTH, LOADING, STALE, FAST,
                        io.redoubt.engine.command.CommandFlag.NOSCRIPT)
                .acl(AclCategory.CONNECTION)
                .group("connection").since("1.0.0").summary("Close the connection").complexity("O(1)")
                .handler(this::quit));
        t.add(CommandSpec.builder("select", 2).flags(LOADING, STALE, FAST).acl(AclCategory.CONNECTION)
                .args("index:integer")
                .group("connection").since("1.0.0").summary("Change the selected database for the current connection").complexity("O(1)")
                .handler(this::select));
        t.add(CommandSpec.builder("hello", -1)
                .args("arguments:block?(protover:integer username_password:block=AUTH?(username:string "
                        + "password:string) clientname:string=SETNAME?)")
                .flags(io.redoubt.engine.command.CommandFlag.NOSCRIPT, LOADING, STALE, FAST, NO_AUTH,
                        io.redoubt.engine.command.CommandFlag.ALLOW_BUSY)
                .acl(AclCategory.CONNECTION)
                .group("connection").since("6.0.0").summary("Handshake with Redis").complexity("O(1)")
                .history("6.2.0", "`protover` made optional; when called without arguments the command reports the current connection's context.")
                .handler(this::hello));
    }

    private void ping(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 2) {
            throw new CommandException(Errors.wrongArity("ping"));
        }
        Session session = (Session) ctx;
        if (session.subscriber() && session.protocol() == 2) {
            // Redis answers PING in RESP2 subscriber mode as a message-shaped array
            ctx.reply().array(2);
            ctx.reply().bulk("pong");
            ctx.reply().bulk(argv.length == 2 ? argv[1] : new byte[0]);
        } else if (argv.length == 2) {
            ctx.reply().bulk(argv[1]);
        } else {
            ctx.reply().simple("PONG");
        }
    }

    private void quit(CommandContext ctx) {
        ctx.reply().ok();
        ((Session) ctx).closeAfterReply();
    }

    private void select(CommandContext ctx) {
        int index = Args.parseInt(ctx.argv()[1], "ERR value is not an integer or out of range");
        if (index < 0 || index >= ctx.shard().databaseCount()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        ctx.client().select(index);
        ctx.reply().ok();
    }

    /** HELLO [protover [AUTH username password] [SETNAME clientname]]. */
    private void hello(CommandContext ctx) {
        Session session = (Session) ctx;
        byte[][] argv = ctx.argv();
        int protocol = session.protocol();
        int next = 1;
        if (argv.length >= 2) {
            Long ver = Args.parseLongOrNull(argv[1]);
            if (ver == null) {
                throw new CommandException("ERR Protocol version is not an integer or out of range");
            }
            next = 2;
            if (ver < 2 || ver > 3) {
                throw new CommandException("NOPROTO unsupported protocol version");
            }
            protocol = (int) (long) ver;
        }
        String setName = null;
        String user = null;
        byte[] password = null;
        for (int i = next; i < argv.length; i++) {
            if (Args.is(argv[i], "AUTH") && argv.length - i - 1 >= 2) {
                user = Args.text(argv[i + 1]);
                password = argv[i + 2];
                i += 2;
            } else if (Args.is(argv[i], "SETNAME") && argv.length - i - 1 >= 1) {
                setName = Args.text(argv[++i]);
                ClientCommandsSupport.validateName(setName);
            } else {
                throw new CommandException("ERR Syntax error in HELLO option '" + Args.text(argv[i]) + "'");
            }
        }
        if (user != null) {
            server.acl().loginOrThrow(session, user, password);
        }
        if (!session.authenticated()) {
            throw new CommandException("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client "
                    + "and select the RESP protocol version at the same time");
        }
        if (setName != null) {
            session.name(setName);
        }
        session.protocol(protocol);
        ReplySink r = ctx.reply();
        r.map(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(ServerContext.REDIS_VERSION);
        r.bulk("proto");
        r.integer(protocol);
        r.bulk("id");
        r.integer(session.id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk("master");
        r.bulk("modules");
        r.array(0);
    }
}
