package io.redoubt.engine.keys;

import static io.redoubt.engine.command.CommandFlag.LOADING;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.STALE;
import static io.redoubt.engine.command.KeySpec.Flag.RO;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.strings.StringEncoding;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.ShardSettings;
import io.redoubt.resp.ReplySink;

/**
 * OBJECT ENCODING, FREQ, IDLETIME, REFCOUNT and HELP. Lookups do not count as accesses, so asking
 * about a key does not change what eviction thinks of it.
 */
public final class ObjectCommands {
    /** Redis's embstr limit: strings up to this length share one allocation with their header. */
    private static final int EMBSTR_LIMIT = 44;
    /** Redis shares the integer objects 0..9999 unless an LRU/LFU policy needs per-key access data. */
    private static final long SHARED_INTEGERS = 10_000;
    private static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final String SWITCH_NOTE = " Please note that when switching between policies at runtime"
            + " LRU and LFU data will take some time to adjust.";

    private static final String[] HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    };

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("object", -2)
                .group("generic").since("2.2.3").summary("A container for object introspection commands")
                .complexity("Depends on subcommand.")
                .sub(CommandSpec.builder("help", 2).flags(LOADING, STALE).acl(AclCategory.KEYSPACE)
                        .group("generic").since("6.2.0").summary("Show helpful text about the different subcommands")
                        .complexity("O(1)")
                        .handler(this::help))
                .sub(inspector("idletime", "2.2.3", "Get the time since a Redis object was last accessed")
                        .args("key:key#0")
                        .handler(this::idletime))
                .sub(inspector("encoding", "2.2.3", "Inspect the internal encoding of a Redis object")
                        .args("key:key#0")
                        .handler(this::encoding))
                .sub(inspector("freq", "4.0.0", "Get the logarithmic access frequency counter of a Redis object")
                        .args("key:key#0")
                        .handler(this::freq))
                .sub(inspector("refcount", "2.2.3", "Get the number of references to the value of the key")
                        .args("key:key#0")
                        .handler(this::refcount)));
    }

    private static CommandSpec.Builder inspector(String name, String since, String summary) {
        return CommandSpec.builder(name, 3).flags(READONLY).acl(AclCategory.KEYSPACE)
                .key(KeySpec.single(2, RO))
                .group("generic").since(since).summary(summary).complexity("O(1)")
                .tips("nondeterministic_output");
    }

    private void help(CommandContext ctx) {
        ReplySink r = ctx.reply();
        r.array(HELP.length);
        for (String line : HELP) {
            r.simple(line);
        }
    }

    /** The key's entry, or null after replying with a null when it does not exist. */
    private static Entry lookup(CommandContext ctx) {
        Entry e = ctx.db().lookupRead(ctx.argv()[2], false, false); // Redis: no keymiss event
        if (e == null) {
            ctx.reply().nullBulk();
        }
        return e;
    }

    private void encoding(CommandContext ctx) {
        Entry e = lookup(ctx);
        if (e != null) {
            ctx.reply().bulk(e.value() instanceof RedisValue v ? v.encoding() : StringEncoding.of(e));
        }
    }

    private void freq(CommandContext ctx) {
        Entry e = lookup(ctx);
        if (e == null) {
            return;
        }
        if (!ctx.shard().settings().policy().lfu()) {
            throw new CommandException("ERR An LFU maxmemory policy is not selected, access frequency not tracked."
                    + SWITCH_NOTE);
        }
        ctx.reply().integer(ctx.shard().lfuDecayed(e));
    }

    private void idletime(CommandContext ctx) {
        Entry e = lookup(ctx);
        if (e == null) {
            return;
        }
        if (ctx.shard().settings().policy().lfu()) {
            throw new CommandException("ERR An LFU maxmemory policy is selected, idle time not tracked."
                    + SWITCH_NOTE);
        }
        ctx.reply().integer(ctx.shard().idleSeconds(e));
    }

    private void refcount(CommandContext ctx) {
        Entry e = lookup(ctx);
        if (e == null) {
            return;
        }
        ctx.reply().integer(sharedInteger(ctx, e) ? SHARED_REFCOUNT : 1);
    }

    private static boolean sharedInteger(CommandContext ctx, Entry e) {
        if (!(e.value() instanceof byte[] s) || e.raw() || s.length > 20) {
            return false;
        }
        Long v = Args.parseLongOrNull(s);
        if (v == null || v < 0 || v >= SHARED_INTEGERS) {
            return false;
        }
        ShardSettings settings = ctx.shard().settings();
        boolean perKeyAccess = settings.policy().lfu() || settings.policy().name().endsWith("LRU");
        return settings.maxMemory() == 0 || !perKeyAccess;
    }
}
