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
import io.redoubt.engine.command.Glob;
import io.redoubt.resp.Errors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEBUG, allowed only when {@code enable-debug-command} is {@code yes}, or {@code local} for clients on
 * this machine, with Redis 7.0's replies for the subcommands tests and tools use (DIGEST, RELOAD,
 * PROTOCOL, ERROR, POPULATE, ...; see {@link #HELP}). Redis's crash, leak and allocator subcommands
 * answer Redis's unknown-subcommand error, as does anything else DEBUG HELP does not list.
 */
public final class DebugCommands {
    private static final Logger LOG = LoggerFactory.getLogger(DebugCommands.class);
    /**
     * Redis 7.0's DEBUG HELP entries for the subcommands Redoubt has, in Redis's order and words, then
     * JMAP, Redoubt's own (a JVM has a heap histogram where Redis has malloc statistics).
     */
    private static final String[] HELP = {
            "CHANGE-REPL-ID",
            "    Change the replication IDs of the instance.",
            "    Dangerous: should be used only for testing the replication subsystem.",
            "DIGEST",
            "    Output a hex signature representing the current DB content.",
            "DIGEST-VALUE <key> [<key> ...]",
            "    Output a hex signature of the values of all the specified keys.",
            "ERROR <string>",
            "    Return a Redis protocol error with <string> as message. Useful for clients",
            "    unit tests to simulate Redis errors.",
            "LOG <message>",
            "    Write <message> to the server log.",
            "LOADAOF",
            "    Flush the AOF buffers on disk and reload the AOF in memory.",
            "OBJECT <key>",
            "    Show low level info about `key` and associated value.",
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
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "QUICKLIST-PACKED-THRESHOLD <size>",
            "    Sets the threshold for elements to be inserted as plain vs packed nodes",
            "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
            "STRINGMATCH-TEST",
            "    Run a fuzz tester against the stringmatchlen() function.",
            "LISTPACK <key>",
            "    Show low level info about the listpack encoding of <key>.",
            "QUICKLIST <key> [<0|1>]",
            "    Show low level info about the quicklist encoding of <key>.",
            "    The optional argument (0 by default) sets the level of detail",
            "JMAP",
            "    Reply with the JVM's heap histogram (live objects per class), as jmap -histo:live.",
    };

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
        if (!server.settings().debugCommand().permits(s.isLocal())) {
            throw new CommandException("ERR DEBUG command not allowed. If the enable-debug-command option is set to "
                    + "\"local\", you can run it from a local connection, otherwise you need to set this option in "
                    + "the configuration file, and then restart the server.");
        }
        byte[][] argv = ctx.argv();
        int argc = argv.length;
        String sub = Args.text(argv[1]).toLowerCase(Locale.ROOT);
        // each subcommand with its argument count as Redis's debug.c checks it; a mismatch falls through
        // to the unknown-subcommand error, as there
        switch (sub) {
            case "help" -> {
                requireArgs(argv, argc == 2);
                HelpReply.write(ctx.reply(), "debug", HELP);
            }
            case "sleep" -> {
                requireArgs(argv, argc == 3);
                sleep(ctx);
            }
            case "set-active-expire" -> {
                requireArgs(argv, argc == 3);
                server.shard().settings(server.shard().settings().withActiveExpire(atoi(argv[2]) != 0));
                ctx.reply().ok();
            }
            case "object" -> {
                requireArgs(argv, argc == 3);
                object(ctx);
            }
            case "digest" -> {
                requireArgs(argv, argc == 2);
                ctx.reply().simple(new DatasetDigest().ofDataset(server.shard()));
            }
            case "digest-value" -> {
                DatasetDigest digest = new DatasetDigest();
                ctx.reply().array(argc - 2);
                for (int i = 2; i < argc; i++) {
                    // like Redis, a key whose time has passed but that is still stored is digested
                    ctx.reply().simple(digest.ofValue(ctx.db().peek(argv[i])));
                }
            }
            case "error" -> {
                requireArgs(argv, argc == 3);
                // the text as given, no ERR added; CR and LF become spaces so the reply stays one line
                ctx.reply().error(Args.text(argv[2]).replace('\r', ' ').replace('\n', ' '));
            }
            case "log" -> {
                requireArgs(argv, argc == 3);
                LOG.warn("DEBUG LOG: {}", Args.text(argv[2]));
                ctx.reply().ok();
            }
            case "protocol" -> {
                requireArgs(argv, argc == 3);
                DebugProtocolReplies.write(ctx.reply(), Args.text(argv[2]));
            }
            case "populate" -> {
                requireArgs(argv, argc >= 3 && argc <= 5);
                DebugPopulate.run(ctx, protoMaxBulkLen());
                server.commandLogs().discardCurrentCommand(); // as in Redis, POPULATE's keys are not propagated
            }
            case "reload" -> reload(ctx);
            case "loadaof" -> {
                String failed = server.aof().reloadForDebug(server.commands());
                if (failed != null) {
                    throw new CommandException(failed);
                }
                ctx.reply().ok();
            }
            case "change-repl-id" -> {
                requireArgs(argv, argc == 2);
                server.replication().changeReplicationId();
                LOG.warn("Changed replication IDs by DEBUG CHANGE-REPL-ID");
                ctx.reply().ok();
            }
            case "stringmatch-test" -> {
                requireArgs(argv, argc == 2);
                stringMatchFuzz();
                ctx.reply().simple("Apparently Redis did not crash: test passed");
            }
            case "quicklist-packed-threshold" -> {
                requireArgs(argv, argc == 3);
                packedThreshold(argv[2]);
                ctx.reply().ok();
            }
            case "listpack" -> {
                requireArgs(argv, argc == 3);
                RedisValue v = encodedValue(ctx, "listpack", "Not a listpack encoded object.");
                LOG.warn("DEBUG LISTPACK {}: {} encoding, {} bytes estimated", Args.text(argv[2]), v.encoding(),
                        v.estimatedBytes());
                ctx.reply().simple("Listpack structure printed on stdout");
            }
            case "quicklist" -> {
                requireArgs(argv, argc == 3 || argc == 4);
                ListValue list = (ListValue) encodedValue(ctx, "quicklist", "Not a quicklist encoded object.");
                LOG.warn("DEBUG QUICKLIST {}: {} elements,{}", Args.text(argv[2]), list.size(), list.debugFields());
                ctx.reply().simple("Quicklist structure printed on stdout");
            }
            case "jmap" -> {
                requireArgs(argv, argc == 2);
                ctx.reply().verbatim("txt", HeapHistogram.live());
            }
            default -> throw unknown(argv);
        }
    }

    private static void requireArgs(byte[][] argv, boolean ok) {
        if (!ok) {
            throw unknown(argv);
        }
    }

    private static CommandException unknown(byte[][] argv) {
        return new CommandException("ERR unknown subcommand or wrong number of arguments for '" + Args.text(argv[1])
                + "'. Try DEBUG HELP.");
    }

    /** C's atoi, as Redis reads SET-ACTIVE-EXPIRE's flag: leading digits, anything else 0. */
    private static long atoi(byte[] s) {
        int i = 0;
        while (i < s.length && (s[i] == ' ' || s[i] == '\t')) {
            i++;
        }
        boolean negative = i < s.length && s[i] == '-';
        if (i < s.length && (s[i] == '-' || s[i] == '+')) {
            i++;
        }
        long n = 0;
        while (i < s.length && s[i] >= '0' && s[i] <= '9' && n < Integer.MAX_VALUE) {
            n = n * 10 + (s[i++] - '0');
        }
        return negative ? -n : n;
    }

    /** DEBUG SLEEP seconds: blocks the shard thread, and so every client, as Redis does. */
    private void sleep(CommandContext ctx) {
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

    private long protoMaxBulkLen() {
        return server.settings().limits().maxBulkLength();
    }

    /** DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]. */
    private void reload(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean save = true;
        boolean flush = true;
        boolean merge = false;
        for (int i = 2; i < argv.length; i++) {
            if (Args.is(argv[i], "NOFLUSH")) {
                flush = false;
            } else if (Args.is(argv[i], "NOSAVE")) {
                save = false;
            } else if (Args.is(argv[i], "MERGE")) {
                merge = true;
            } else {
                throw new CommandException("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
            }
        }
        String failed = server.rdb().reloadForDebug(save, flush, merge);
        server.commandLogs().discardCurrentCommand(); // neither the AOF nor the replicas record it, as in Redis
        if (failed != null) {
            throw new CommandException(failed);
        }
        ctx.reply().ok();
    }

    /**
     * DEBUG QUICKLIST-PACKED-THRESHOLD size: Redis's checks and errors. Redoubt stores every list
     * element packed (no plain nodes yet), so the accepted value changes nothing.
     */
    private static void packedThreshold(byte[] arg) {
        long size;
        try {
            size = io.redoubt.engine.config.ConfigTypes.parseMemory(Args.text(arg));
        } catch (io.redoubt.engine.config.ConfigException e) {
            size = -1;
        }
        if (size < 0 || size > (1L << 32) - (1L << 20)) {
            throw new CommandException("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
        }
    }

    /** The value at the key of a DEBUG LISTPACK or QUICKLIST call, which must have {@code encoding}. */
    private static RedisValue encodedValue(CommandContext ctx, String encoding, String wrong) {
        Entry e = ctx.db().lookup(ctx.argv()[2]);
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        if (!(e.value() instanceof RedisValue v) || !v.encoding().equals(encoding)) {
            throw new CommandException("ERR " + wrong);
        }
        return v;
    }

    /**
     * DEBUG STRINGMATCH-TEST: Redis's fuzz test of its glob matcher, here of {@link Glob}: random
     * patterns against random strings must neither throw nor run away.
     */
    private void stringMatchFuzz() {
        java.util.random.RandomGenerator random = server.shard().random();
        byte[] alphabet = "ab*?[]^-\\".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            byte[] pattern = new byte[random.nextInt(32)];
            byte[] text = new byte[random.nextInt(32)];
            for (int j = 0; j < pattern.length; j++) {
                pattern[j] = alphabet[random.nextInt(alphabet.length)];
            }
            for (int j = 0; j < text.length; j++) {
                text[j] = alphabet[random.nextInt(alphabet.length)];
            }
            Glob.matches(pattern, text, random.nextBoolean());
        }
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
