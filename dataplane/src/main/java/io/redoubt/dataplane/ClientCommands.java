package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.netty.channel.unix.UnixChannel;
import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.resp.Errors;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT and its subcommands: identity (ID, INFO, SETNAME, GETNAME, SETINFO), listing and killing
 * connections, reply modes, eviction/touch opt-outs and CLIENT PAUSE. Fields and error texts are
 * Redis 7.0's; SETINFO and NO-TOUCH are Redis 7.2's, accepted because current clients send them.
 */
public final class ClientCommands {
    private static final String[] HELP = {
            "CACHING (YES|NO)",
            "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
            "GETREDIR",
            "    Return the client ID we are redirecting to when tracking is enabled.",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are:",
            "    * ADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made from the specified address",
            "    * LADDR (<ip:port>|<unixsocket>:0)",
            "      Kill connections made to specified local address",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Kill connections by type.",
            "    * USER <username>",
            "      Kill connections authenticated by <username>.",
            "    * SKIPME (YES|NO)",
            "      Skip killing current connection (default: yes).",
            "LIST [options ...]",
            "    Return information about client connections. Options:",
            "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
            "      Return clients of specified type.",
            "UNPAUSE",
            "    Stop the current client pause, resuming traffic.",
            "PAUSE <timeout> [WRITE|ALL]",
            "    Suspend all, or just write, clients for <timeout> milliseconds.",
            "REPLY (ON|OFF|SKIP)",
            "    Control the replies sent to the current connection.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "UNBLOCK <clientid> [TIMEOUT|ERROR]",
            "    Unblock the specified blocked client.",
            "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
            "         [OPTIN] [OPTOUT] [NOLOOP]",
            "    Control server assisted client side caching.",
            "TRACKINGINFO",
            "    Report tracking status for the current connection.",
            "NO-EVICT (ON|OFF)",
            "    Protect current client connection from eviction."    };

    private final ServerContext server;
    private final ClientTrackingCommands tracking;

    public ClientCommands(ServerContext server) {
        this.server = server;
        this.tracking = new ClientTrackingCommands(server);
    }

    public void register(CommandTable.Builder t) {
        t.add(tracking.addTo(CommandSpec.builder("client", -2).group("connection").since("2.4.0")
                .summary("A container for client connection commands").complexity("Depends on subcommand.")
                .sub(sub("info", 2, false).since("6.2.0").tips("nondeterministic_output")
                        .summary("Returns information about the current client connection.").handler(this::info))
                .sub(sub("getname", 2, false).since("2.6.9").summary("Get the current connection name")
                        .handler(this::getname))
                .sub(sub("id", 2, false).since("5.0.0").summary("Returns the client ID for the current connection")
                        .handler(ctx -> ctx.reply().integer(ctx.client().id())))
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.CONNECTION)
                        .group("connection").since("5.0.0").complexity("O(1)")
                        .summary("Show helpful text about the different subcommands")
                        .handler(ctx -> HelpReply.write(ctx.reply(), "client", HELP)))
                .sub(sub("list", -2, true).since("2.4.0").tips("nondeterministic_output")
                        .args("normal_master_replica_pubsub:oneof=TYPE@5.0.0?(NORMAL MASTER REPLICA PUBSUB) "
                                + "id:block=ID@6.2.0?(client-id:integer*)")
                        .history("2.8.12", "Added unique client `id` field.")
                        .history("5.0.0", "Added optional `TYPE` filter.")
                        .history("6.0.0", "Added `user` field.")
                        .history("6.2.0", "Added `argv-mem`, `tot-mem`, `laddr` and `redir` fields and the optional `ID` filter.")
                        .history("7.0.0", "Added `resp`, `multi-mem`, `rbs` and `rbp` fields.")
                        .history("7.0.3", "Added `ssub` field.")
                        .complexity("O(N) where N is the number of client connections")
                        .summary("Get the list of client connections").handler(this::list))
                .sub(sub("kill", -3, true).since("2.4.0")
                        .args("filter:oneof(\"ip:port\":string!2.8.12 new-format:oneof*(client-id:integer=ID@2.8.12? "
                                + "normal_master_slave_pubsub:oneof=TYPE@2.8.12?(NORMAL MASTER@3.2.0 SLAVE REPLICA@5.0.0 "
                                + "PUBSUB) username:string=USER? \"ip:port\":string=ADDR? \"ip:port\":string=LADDR@6.2.0? "
                                + "\"yes/no\":string=SKIPME?))")
                        .history("2.8.12", "Added new filter format.")
                        .history("2.8.12", "`ID` option.")
                        .history("3.2.0", "Added `master` type in for `TYPE` option.")
                        .history("5.0.0", "Replaced `slave` `TYPE` with `replica`. `slave` still supported for backward compatibility.")
                        .history("6.2.0", "`LADDR` option.")
                        .complexity("O(N) where N is the number of client connections")
                        .summary("Kill the connection of a client").handler(this::kill))
                .sub(sub("unpause", 2, true).since("6.2.0").complexity("O(N) Where N is the number of paused clients")
                        .summary("Resume processing of clients that were paused").handler(this::unpause))
                .sub(sub("setname", 3, false).since("2.6.9").summary("Set the current connection name")
                        .args("connection-name:string")
                        .handler(this::setname))
                .sub(sub("setinfo", 4, false).since("7.2.0").summary("Set client or connection specific info")
                        .args("attr:oneof(libname:string=LIB-NAME libver:string=LIB-VER)")
                        .handler(this::setinfo))
                .sub(sub("reply", 3, false).since("3.2.0")
                        .args("on_off_skip:oneof(ON OFF SKIP)")
                        .summary("Instruct the server whether to reply to commands").handler(this::reply))
                .sub(sub("pause", -3, true).since("2.9.50")
                        .args("timeout:integer mode:oneof@6.2.0?(WRITE ALL)")
                        .history("6.2.0", "`CLIENT PAUSE WRITE` mode added along with the `mode` option.")
                        .summary("Stop processing commands from clients for some time").handler(this::pause))
                .sub(sub("unblock", -3, true).since("5.0.0")
                        .args("client-id:integer timeout_error:oneof?(TIMEOUT ERROR)")
                        .complexity("O(log N) where N is the number of client connections")
                        .summary("Unblock a client blocked in a blocking command from a different connection")
                        .handler(this::unblock))
                .sub(sub("no-evict", 3, true).since("7.0.0")
                        .args("enabled:oneof(ON OFF)")
                        .summary("Set client eviction mode for the current connection").handler(this::noEvict))
                .sub(sub("no-touch", 3, false).since("7.2.0")
                        .args("enabled:oneof(ON OFF)")
                        .summary("Controls whether commands sent by the client will alter the LRU/LFU of the keys they access.")
                        .handler(this::noTouch)), (name, arity) -> sub(name, arity, false)));
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: answers a blocked client as if it timed out, or with an error. */
    private void unblock(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 4) {
            throw syntaxError("unblock");
        }
        long id = io.redoubt.engine.command.Args.parseLong(argv[2]);
        boolean withError = false;
        if (argv.length == 4) {
            if (io.redoubt.engine.command.Args.is(argv[3], "ERROR")) {
                withError = true;
            } else if (!io.redoubt.engine.command.Args.is(argv[3], "TIMEOUT")) {
                throw new CommandException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        Session target = server.clients().byId(id);
        ctx.reply().integer(target != null && server.blockedClients().unblock(target, withError) ? 1 : 0);
    }

    private static CommandSpec.Builder sub(String name, int arity, boolean admin) {
        CommandSpec.Builder b = CommandSpec.builder(name, arity).flags(NOSCRIPT, LOADING, STALE)
                .acl(AclCategory.CONNECTION).group("connection").complexity("O(1)");
        if (admin) {
            b.flags(ADMIN);
        }
        return b;
    }

    private static CommandException syntaxError(String sub) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + sub
                + "'. Try CLIENT HELP.");
    }

    // ---- identity ---------------------------------------------------------------------------------

    private void info(CommandContext ctx) {
        Session s = (Session) ctx;
        ctx.reply().verbatim("txt", describe(s, s) + "\n");
    }

    private void getname(CommandContext ctx) {
        String name = ((Session) ctx).name();
        if (name.isEmpty()) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(name);
        }
    }

    private void setname(CommandContext ctx) {
        String name = Args.text(ctx.argv()[2]);
        ClientCommandsSupport.validateName(name);
        ((Session) ctx).name(name);
        ctx.reply().ok();
    }

    private void setinfo(CommandContext ctx) {
        Session s = (Session) ctx;
        String attr = Args.text(ctx.argv()[2]);
        String value = Args.text(ctx.argv()[3]);
        boolean libName = attr.equalsIgnoreCase("lib-name");
        if (!libName && !attr.equalsIgnoreCase("lib-ver")) {
            throw new CommandException("ERR Unrecognized option '" + attr + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '!' || c > '~') {
                throw new CommandException("ERR " + attr.toLowerCase(java.util.Locale.ROOT)
                        + " cannot contain spaces, newlines or special characters.");
            }
        }
        if (libName) {
            s.libName(value);
        } else {
            s.libVersion(value);
        }
        ctx.reply().ok();
    }

    // ---- listing ----------------------------------------------------------------------------------

    private void list(CommandContext ctx) {
        Session self = (Session) ctx;
        byte[][] argv = ctx.argv();
        String type = null;
        List<Long> ids = null;
        if (argv.length == 4 && Args.is(argv[2], "TYPE")) {
            type = clientType(Args.text(argv[3]));
        } else if (argv.length >= 4 && Args.is(argv[2], "ID")) {
            ids = new ArrayList<>();
            for (int i = 3; i < argv.length; i++) {
                Long id = Args.parseLongOrNull(argv[i]);
                if (id == null || id <= 0) {
                    throw new CommandException("ERR Invalid client ID");
                }
                ids.add(id);
            }
        } else if (argv.length != 2) {
            throw new CommandException(Errors.SYNTAX);
        }
        StringBuilder out = new StringBuilder();
        if (ids != null) {
            for (long id : ids) {
                Session s = server.clients().byId(id);
                if (s != null) {
                    out.append(describe(s, self)).append('\n');
                }
            }
        } else {
            for (Session s : server.clients().all()) {
                if (type == null || type.equals("normal")) {
                    out.append(describe(s, self)).append('\n');
                }
            }
        }
        ctx.reply().verbatim("txt", out.toString());
    }

    /** Canonical type name, or Redis's error for an unknown one. */
    private static String clientType(String name) {
        String t = name.toLowerCase(java.util.Locale.ROOT);
        return switch (t) {
            case "normal", "master", "pubsub" -> t;
            case "replica", "slave" -> "replica";
            default -> throw new CommandException("ERR Unknown client type '" + name + "'");
        };
    }

    /**
     * One CLIENT LIST line with Redis 7.0's fields in Redis's order. Buffer fields are estimates of
     * what Redis would show: the query buffer holds the running command's request, replies are
     * written at once so output lists are empty.
     */
    static String describe(Session s, Session running) {
        long now = s.server().clock().millis();
        boolean self = s == running;
        byte[][] argv = self ? s.argv() : null;
        long qbuf = 0;
        long argvMem = 0;
        if (argv != null) {
            qbuf = requestBytes(argv);
            for (byte[] a : argv) {
                argvMem += a.length;
            }
        }
        long rbs = self ? 16384 : 1024;
        long qbufFree = Math.max(0, 20474 - qbuf);
        long totMem = 22272 + (rbs - 1024) + qbuf + argvMem + s.pendingOutputBytes();
        String cmd = self && s.spec() != null ? s.spec().fullName() : s.lastCommand();
        StringBuilder b = new StringBuilder(256);
        b.append("id=").append(s.id())
                .append(" addr=").append(s.address())
                .append(" laddr=").append(s.localAddress())
                .append(" fd=").append(fd(s))
                .append(" name=").append(s.name())
                .append(" age=").append(Math.max(0, (now - s.createdAtMillis()) / 1000))
                .append(" idle=").append(self ? 0 : Math.max(0, (now - s.lastInteractionMillis()) / 1000))
                .append(" flags=").append(flags(s))
                .append(" db=").append(s.dbIndex())
                .append(" sub=0 psub=0 ssub=0 multi=-1")
                .append(" qbuf=").append(qbuf)
                .append(" qbuf-free=").append(qbufFree)
                .append(" argv-mem=").append(argvMem)
                .append(" multi-mem=0")
                .append(" rbs=").append(rbs)
                .append(" rbp=").append(self ? rbs : 0)
                .append(" obl=0 oll=0 omem=").append(s.pendingOutputBytes())
                .append(" tot-mem=").append(totMem)
                .append(" events=").append(s.channel().isWritable() ? "r" : "rw")
                .append(" cmd=").append(cmd)
                .append(" user=").append(s.user())
                .append(" redir=").append(s.tracking().redirect())
                .append(" resp=").append(s.protocol());
        return b.toString();
    }

    private static long requestBytes(byte[][] argv) {
        long n = 1 + Integer.toString(argv.length).length() + 2;
        for (byte[] a : argv) {
            n += 1 + Integer.toString(a.length).length() + 2 + a.length + 2;
        }
        return n;
    }

    private static int fd(Session s) {
        if (s.channel() instanceof UnixChannel unix) {
            return unix.fd().intValue();
        }
        return -1;
    }

    private static String flags(Session s) {
        StringBuilder f = new StringBuilder();
        if (s.monitor()) {
            f.append('O');
        }
        if (s.postponed()) {
            f.append('b');
        }
        s.tracking().appendFlags(f);
        if (s.closing()) {
            f.append('c');
        }
        if (s.noEvict()) {
            f.append('e');
        }
        if (s.noTouch()) {
            f.append('T');
        }
        if (s.server().replication().isReplica(s)) {
            f.append('S');
        }
        return f.isEmpty() ? "N" : f.toString();
    }

    // ---- killing ----------------------------------------------------------------------------------

    /** CLIENT KILL ip:port, or CLIENT KILL with ID / TYPE / USER / ADDR / LADDR / SKIPME filters. */
    private void kill(CommandContext ctx) {
        Session self = (Session) ctx;
        byte[][] argv = ctx.argv();
        if (argv.length == 3) {
            String addr = Args.text(argv[2]);
            for (Session s : server.clients().all()) {
                if (s.address().equals(addr)) {
                    ctx.reply().ok();
                    close(s, self);
                    return;
                }
            }
            throw new CommandException("ERR No such client");
        }
        Long id = null;
        String type = null;
        String user = null;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < argv.length; i += 2) {
            boolean more = i + 1 < argv.length;
            if (!more) {
                throw new CommandException(Errors.SYNTAX);
            }
            String value = Args.text(argv[i + 1]);
            if (Args.is(argv[i], "ID")) {
                Long v = Args.parseLongOrNull(argv[i + 1]);
                if (v == null || v <= 0) {
                    throw new CommandException("ERR client-id should be greater than 0");
                }
                id = v;
            } else if (Args.is(argv[i], "TYPE")) {
                type = clientType(value);
            } else if (Args.is(argv[i], "ADDR")) {
                addr = value;
            } else if (Args.is(argv[i], "LADDR")) {
                laddr = value;
            } else if (Args.is(argv[i], "USER")) {
                if (server.acl().users().get(value) == null) {
                    throw new CommandException("ERR No such user '" + value + "'");
                }
                user = value;
            } else if (Args.is(argv[i], "SKIPME")) {
                if (Args.is(argv[i + 1], "YES")) {
                    skipMe = true;
                } else if (Args.is(argv[i + 1], "NO")) {
                    skipMe = false;
                } else {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        List<Session> victims = new ArrayList<>();
        for (Session s : server.clients().all()) {
            if ((id != null && s.id() != id)
                    || (type != null && !type.equals("normal"))
                    || (user != null && !s.user().equals(user))
                    || (addr != null && !s.address().equals(addr))
                    || (laddr != null && !s.localAddress().equals(laddr))
                    || (skipMe && s == self)) {
                continue;
            }
            victims.add(s);
        }
        ctx.reply().integer(victims.size());
        for (Session s : victims) {
            close(s, self);
        }
    }

    /** A client killing itself gets its reply first, as in Redis. */
    private static void close(Session victim, Session self) {
        if (victim == self) {
            self.closeAfterReply();
        } else {
            victim.kill();
        }
    }

    // ---- modes ------------------------------------------------------------------------------------

    private void reply(CommandContext ctx) {
        Session s = (Session) ctx;
        byte[] mode = ctx.argv()[2];
        if (Args.is(mode, "ON")) {
            s.replyMode(Session.ReplyMode.ON);
            ctx.reply().ok();
        } else if (Args.is(mode, "OFF")) {
            s.replyMode(Session.ReplyMode.OFF);
        } else if (Args.is(mode, "SKIP")) {
            if (s.replyMode() != Session.ReplyMode.OFF) {
                s.skipNextReply();
            }
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
    }

    private void noEvict(CommandContext ctx) {
        ((Session) ctx).noEvict(onOff(ctx.argv()[2]));
        ctx.reply().ok();
    }

    private void noTouch(CommandContext ctx) {
        ((Session) ctx).noTouch(onOff(ctx.argv()[2]));
        ctx.reply().ok();
    }

    private static boolean onOff(byte[] arg) {
        if (Args.is(arg, "ON")) {
            return true;
        }
        if (Args.is(arg, "OFF")) {
            return false;
        }
        throw new CommandException(Errors.SYNTAX);
    }

    // ---- pause ------------------------------------------------------------------------------------

    /** CLIENT PAUSE timeout [WRITE|ALL]: the mode is checked before the timeout, as in Redis. */
    private void pause(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length > 4) {
            throw syntaxError(Args.text(argv[1]));
        }
        ClientPause.Mode mode = ClientPause.Mode.ALL;
        if (argv.length == 4) {
            if (Args.is(argv[3], "WRITE")) {
                mode = ClientPause.Mode.WRITE;
            } else if (!Args.is(argv[3], "ALL")) {
                throw new CommandException("ERR CLIENT PAUSE mode must be WRITE or ALL");
            }
        }
        Long timeout = Args.parseLongOrNull(argv[2]);
        if (timeout == null) {
            throw new CommandException("ERR timeout is not an integer or out of range");
        }
        if (timeout < 0) {
            throw new CommandException(Errors.TIMEOUT_NEGATIVE);
        }
        Session s = (Session) ctx;
        long now = server.clock().millis();
        long end = timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
        server.diagnostics().pause().pause(mode, end, now, s.executor());
        ctx.reply().ok();
    }

    private void unpause(CommandContext ctx) {
        server.diagnostics().pause().unpause();
        ctx.reply().ok();
    }
}
