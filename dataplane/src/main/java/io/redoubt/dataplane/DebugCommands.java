package io.redoubt.dataplane;

import static io.redoubt.engine.command.CommandFlag.ADMIN;
import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.NOSCRIPT;
import static io.redoubt.engine.command.CommandFlag.STALE;

import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.resp.Errors;
import java.util.Locale;

/**
 * DEBUG, allowed only when {@code enable-debug-command} is {@code yes}, or {@code local} for clients on
 * this machine: SLEEP, SET-ACTIVE-EXPIRE, OBJECT and HELP. Other Redis DEBUG subcommands answer
 * Redis's unknown-subcommand error.
 */
public final class DebugCommands {
    private static final String[] HELP = {
            "AOF-FLUSH-SLEEP <microsec>",
            "    Server will sleep before flushing the AOF, this is used for testing.",
            "ASSERT",
            "    Crash by assertion failed.",
            "CHANGE-REPL-ID",
            "    Change the replication IDs of the instance.",
            "    Dangerous: should be used only for testing the replication subsystem.",
            "CONFIG-REWRITE-FORCE-ALL",
            "    Like CONFIG REWRITE but writes all configuration options, including",
            "    keywords not listed in original configuration file or default values.",
            "CRASH-AND-RECOVER [<milliseconds>]",
            "    Hard crash and restart after a <milliseconds> delay (default 0).",
            "DIGEST",
            "    Output a hex signature representing the current DB content.",
            "DIGEST-VALUE <key> [<key> ...]",
            "    Output a hex signature of the values of all the specified keys.",
            "ERROR <string>",
            "    Return a Redis protocol error with <string> as message. Useful for clients",
            "    unit tests to simulate Redis errors.",
            "LEAK <string>",
            "    Create a memory leak of the input string.",
            "LOG <message>",
            "    Write <message> to the server log.",
            "HTSTATS <dbid>",
            "    Return hash table statistics of the specified Redis database.",
            "HTSTATS-KEY <key>",
            "    Like HTSTATS but for the hash table stored at <key>'s value.",
            "LOADAOF",
            "    Flush the AOF buffers on disk and reload the AOF in memory.",
            "REPLICATE <string>",
            "    Replicates the provided string to replicas, allowing data divergence.",
            "MALLCTL <key> [<val>]",
            "    Get or set a malloc tuning integer.",
            "MALLCTL-STR <key> [<val>]",
            "    Get or set a malloc tuning string.",
            "OBJECT <key>",
            "    Show low level info about `key` and associated value.",
            "DROP-CLUSTER-PACKET-FILTER <packet-type>",
            "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
            "OOM",
            "    Crash the server simulating an out-of-memory error.",
            "PANIC",
            "    Crash the server simulating a panic.",
            "POPULATE <count> [<prefix>] [<size>]",
            "    Create <count> string keys named key:<num>. If <prefix> is specified then",
            "    it is used instead of the 'key' prefix. These are not propagated to",
            "    replicas. Cluster slots are not respected so keys not belonging to the",
            "    current node can be created in cluster mode.",
            "PROTOCOL <type>",
            "    Reply with a test value of the specified type. <type> can be: string,",
            "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
            "    true, false.",
            "RELOAD [option ...]",
            "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
            "    * MERGE: conflicting keys will be loaded from RDB.",
            "    * NOFLUSH: the existing database will not be removed before load, but",
            "      conflicting keys will generate an exception and kill the server.",
            "    * NOSAVE: the database will be loaded from an existing RDB file.",
            "    Examples:",
            "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
            "      the database.",
            "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
            "      existing RDB file.",
            "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
            "      file to the database.",
            "RESTART [<milliseconds>]",
            "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
            "SDSLEN <key>",
            "    Show low level SDS string info representing `key` and value.",
            "SEGFAULT",
            "    Crash the server with sigsegv.",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "QUICKLIST-PACKED-THRESHOLD <size>",
            "    Sets the threshold for elements to be inserted as plain vs packed nodes",
            "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
            "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
            "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
            "STRINGMATCH-TEST",
            "    Run a fuzz tester against the stringmatchlen() function.",
            "STRUCTSIZE",
            "    Return the size of different Redis core C structures.",
            "LISTPACK <key>",
            "    Show low level info about the listpack encoding of <key>.",
            "QUICKLIST <key> [<0|1>]",
            "    Show low level info about the quicklist encoding of <key>.",
            "    The optional argument (0 by default) sets the level of detail",
            "CLIENT-EVICTION",
            "    Show low level client eviction pools info (maxmemory-clients).",
            "PAUSE-CRON <0|1>",
            "    Stop periodic cron job processing.",
            "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
            "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
            "    In case NEVER is provided the last observed peak will never be reset",
            "    In case RESET is provided the peak reset time will be restored to the default value",
            "REPLYBUFFER RESIZING <0|1>",
            "    Enable or disable the reply buffer resize cron job",
            "CLUSTERLINK KILL <to|from|all> <node-id>",
            "    Kills the link based on the direction to/from (both) with the provided node."    };

    private final ServerContext server;

    public DebugCommands(ServerContext server) {
        this.server = server;
    }

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("debug", -2).flags(ADMIN, NOSCRIPT, LOADING, STALE).group("server")
                .docFlags("syscmd")
                .since("1.0.0").summary("A container for debugging commands").complexity("Depends on subcommand.")
                .handler(this::debug));
    }

    private void debug(CommandContext ctx) {
        Session s = (Session) ctx;
        String enabled = server.config().get("enable-debug-command");
        if (!enabled.equals("yes") && !(enabled.equals("local") && s.isLocal())) {
            throw new CommandException("ERR DEBUG command not allowed. If the enable-debug-command option is set to "
                    + "\"local\", you can run it from a local connection, otherwise you need to set this option in "
                    + "the configuration file, and then restart the server.");
        }
        byte[][] argv = ctx.argv();
        String sub = Args.text(argv[1]).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "help" -> {
                if (argv.length != 2) {
                    throw unknown(argv);
                }
                HelpReply.write(ctx.reply(), "debug", HELP);
            }
            case "sleep" -> sleep(ctx);
            case "set-active-expire" -> setActiveExpire(ctx);
            case "object" -> object(ctx);
            default -> throw unknown(argv);
        }
    }

    private static CommandException unknown(byte[][] argv) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + Args.text(argv[1])
                + "'. Try DEBUG HELP.");
    }

    /** DEBUG SLEEP seconds: blocks the shard thread, and so every client, as Redis does. */
    private void sleep(CommandContext ctx) {
        if (ctx.argv().length != 3) {
            throw unknown(ctx.argv());
        }
        double seconds = Args.parseDoubleOrNull(ctx.argv()[2]) == null ? 0 : Args.parseDouble(ctx.argv()[2]);
        long micros = (long) (seconds * 1_000_000);
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ctx.reply().ok();
    }

    private void setActiveExpire(CommandContext ctx) {
        if (ctx.argv().length != 3) {
            throw unknown(ctx.argv());
        }
        boolean on = Args.parseLong(ctx.argv()[2], Errors.NOT_INTEGER) != 0;
        server.shard().settings(server.shard().settings().withActiveExpire(on));
        ctx.reply().ok();
    }

    /** DEBUG OBJECT key: Redis's one-line description of the value. */
    private void object(CommandContext ctx) {
        if (ctx.argv().length != 3) {
            throw unknown(ctx.argv());
        }
        Entry e = ctx.db().peek(ctx.argv()[2]);
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        String encoding;
        long serialized;
        boolean shared = false;
        if (e.value() instanceof byte[] bytes) {
            Long n = bytes.length <= 20 ? Args.parseLongOrNull(bytes) : null;
            if (n != null && !e.raw()) {
                encoding = "int";
                shared = n >= 0 && n < 10000;
                serialized = n >= -128 && n <= 127 ? 2 : n >= -32768 && n <= 32767 ? 3
                        : n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? 5 : 1 + Long.toString(n).length();
            } else {
                encoding = bytes.length <= 44 && !e.raw() ? "embstr" : "raw";
                serialized = lengthPrefix(bytes.length) + bytes.length;
            }
        } else {
            RedisValue v = (RedisValue) e.value();
            encoding = v.encoding();
            serialized = v.estimatedBytes();
        }
        long idle = server.shard().idleSeconds(e);
        ctx.reply().simple("Value at:0x" + Long.toHexString(0x7f0000000000L | (System.identityHashCode(e) & 0xffffffffL))
                + " refcount:" + (shared ? Integer.MAX_VALUE : 1) + " encoding:" + encoding
                + " serializedlength:" + serialized + " lru:" + (e.access() & 0xffffff)
                + " lru_seconds_idle:" + idle
                + (e.value() instanceof ListValue list ? list.debugFields() : ""));
    }

    /** Bytes of an RDB length prefix. */
    private static int lengthPrefix(long len) {
        return len < 64 ? 1 : len < 16384 ? 2 : len <= 0xffffffffL ? 5 : 9;
    }
}
