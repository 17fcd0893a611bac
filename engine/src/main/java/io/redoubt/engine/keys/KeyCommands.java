package io.redoubt.engine.keys;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RM;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.ScanRequest;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.Glob;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic keyspace family: existence, deletion, renaming, copying and moving keys between
 * logical databases, whole-database commands (DBSIZE, FLUSHDB, FLUSHALL, SWAPDB) and key iteration
 * (KEYS, SCAN, RANDOMKEY). Expiry, OBJECT and SORT live in their own classes of this package.
 */
public final class KeyCommands {
    static final String SAME_OBJECT = "ERR source and destination objects are the same";

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("del", -2).flags(WRITE).acl(AclCategory.KEYSPACE)
                .args("key:key#0*")
                .key(KeySpec.range(1, -1, 1, RM, DELETE))
                .group("generic").since("1.0.0").summary("Delete a key")
                .complexity("O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::del));
        t.add(CommandSpec.builder("unlink", -2).flags(WRITE, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0*")
                .key(KeySpec.range(1, -1, 1, RM, DELETE))
                .group("generic").since("4.0.0")
                .summary("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.")
                .complexity("O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::unlink));
        t.add(CommandSpec.builder("exists", -2).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0*")
                .key(KeySpec.range(1, -1, 1, RO))
                .group("generic").since("1.0.0").summary("Determine if a key exists")
                .complexity("O(N) where N is the number of keys to check.")
                .history("3.0.3", "Accepts multiple `key` arguments.")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::exists));
        t.add(CommandSpec.builder("touch", -2).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0*")
                .key(KeySpec.range(1, -1, 1, RO))
                .group("generic").since("3.2.1")
                .summary("Alters the last access time of a key(s). Returns the number of existing keys specified.")
                .complexity("O(N) where N is the number of keys that will be touched.")
                .tips("request_policy:multi_shard", "response_policy:agg_sum")
                .handler(this::touch));
        t.add(CommandSpec.builder("type", 2).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0")
                .key(KeySpec.single(1, RO))
                .group("generic").since("1.0.0").summary("Determine the type stored at key").complexity("O(1)")
                .handler(this::type));
        t.add(CommandSpec.builder("rename", 3).flags(WRITE).acl(AclCategory.KEYSPACE)
                .args("key:key#0 newkey:key#1")
                .key(KeySpec.single(1, RW, ACCESS, DELETE)).key(KeySpec.single(2, OW, UPDATE))
                .group("generic").since("1.0.0").summary("Rename a key").complexity("O(1)")
                .handler(ctx -> rename(ctx, false)));
        t.add(CommandSpec.builder("renamenx", 3).flags(WRITE, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0 newkey:key#1")
                .history("3.2.0", "The command no longer returns an error when source and destination names are the same.")
                .key(KeySpec.single(1, RW, ACCESS, DELETE)).key(KeySpec.single(2, OW, INSERT))
                .group("generic").since("1.0.0").summary("Rename a key, only if the new key does not exist")
                .complexity("O(1)")
                .handler(ctx -> rename(ctx, true)));
        t.add(CommandSpec.builder("copy", -3).flags(WRITE, DENYOOM).acl(AclCategory.KEYSPACE)
                .args("source:key#0 destination:key#1 destination-db:integer=DB? REPLACE?")
                .key(KeySpec.single(1, RO, ACCESS)).key(KeySpec.single(2, OW, UPDATE))
                .group("generic").since("6.2.0").summary("Copy a key")
                .complexity("O(N) worst case for collections, where N is the number of nested items. O(1) for string values.")
                .handler(this::copy));
        t.add(CommandSpec.builder("move", 3).flags(WRITE, FAST).acl(AclCategory.KEYSPACE)
                .args("key:key#0 db:integer")
                .key(KeySpec.single(1, RW, ACCESS, UPDATE))
                .group("generic").since("1.0.0").summary("Move a key to another database").complexity("O(1)")
                .handler(this::move));
        t.add(CommandSpec.builder("swapdb", 3).flags(WRITE, FAST).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .args("index1:integer index2:integer")
                .group("server").since("4.0.0").summary("Swaps two Redis databases")
                .complexity("O(N) where N is the count of clients watching or blocking on keys from both databases.")
                .handler(this::swapdb));
        t.add(CommandSpec.builder("dbsize", 1).flags(READONLY, FAST).acl(AclCategory.KEYSPACE)
                .group("server").since("1.0.0").summary("Return the number of keys in the selected database")
                .complexity("O(1)")
                .tips("request_policy:all_shards", "response_policy:agg_sum")
                .handler(ctx -> ctx.reply().integer(ctx.db().size())));
        t.add(CommandSpec.builder("flushdb", -1).flags(WRITE).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .args("async:oneof?(ASYNC@4.0.0 SYNC@6.2.0)")
                .history("4.0.0", "Added the `ASYNC` flushing mode modifier.")
                .history("6.2.0", "Added the `SYNC` flushing mode modifier.")
                .group("server").since("1.0.0").summary("Remove all keys from the current database")
                .complexity("O(N) where N is the number of keys in the selected database")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .handler(this::flushdb));
        t.add(CommandSpec.builder("flushall", -1).flags(WRITE).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .args("async:oneof?(ASYNC@4.0.0 SYNC@6.2.0)")
                .history("4.0.0", "Added the `ASYNC` flushing mode modifier.")
                .history("6.2.0", "Added the `SYNC` flushing mode modifier.")
                .group("server").since("1.0.0").summary("Remove all keys from all databases")
                .complexity("O(N) where N is the total number of keys in all databases")
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .handler(this::flushall));
        t.add(CommandSpec.builder("randomkey", 1).flags(READONLY).acl(AclCategory.KEYSPACE)
                .group("generic").since("1.0.0").summary("Return a random key from the keyspace").complexity("O(1)")
                .tips("request_policy:all_shards", "nondeterministic_output")
                .handler(this::randomkey));
        t.add(CommandSpec.builder("keys", 2).flags(READONLY).acl(AclCategory.KEYSPACE, AclCategory.DANGEROUS)
                .args("pattern:pattern")
                .group("generic").since("1.0.0").summary("Find all keys matching the given pattern")
                .complexity("O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.")
                .tips("request_policy:all_shards", "nondeterministic_output_order")
                .handler(this::keys));
        t.add(CommandSpec.builder("scan", -2).flags(READONLY).acl(AclCategory.KEYSPACE)
                .args("cursor:integer pattern:pattern=MATCH? count:integer=COUNT? type:string=TYPE@6.0.0?")
                .history("6.0.0", "Added the `TYPE` subcommand.")
                .group("generic").since("2.8.0").summary("Incrementally iterate the keys space")
                .complexity("O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.")
                .tips("nondeterministic_output", "request_policy:special")
                .handler(this::scan));
    }

    // ---- existence and deletion -------------------------------------------------------------------

    private void del(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().delete(argv[i])) {
                ctx.db().notify(EventClass.GENERIC, "del", argv[i]);
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    /**
     * UNLINK: DEL, counting as Redis does the values it would free on its lazyfree thread (those costing
     * more than {@link #LAZYFREE_THRESHOLD} allocations to free).
     */
    private void unlink(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            Entry e = ctx.db().peek(argv[i]);
            Object value = e == null ? null : e.value();
            if (ctx.db().delete(argv[i])) {
                if (freeEffort(value) > LAZYFREE_THRESHOLD) {
                    ctx.shard().stats().lazyfreedObjects++;
                }
                ctx.db().notify(EventClass.GENERIC, "del", argv[i]);
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    /** Redis's LAZYFREE_THRESHOLD: values cheaper to free than this are freed at once, even by UNLINK. */
    private static final long LAZYFREE_THRESHOLD = 64;

    /**
     * Redis's lazyfreeGetFreeEffort: the allocations freeing a value takes, 1 for a string or a packed
     * encoding, one per element of a hash table or skiplist, one per node of a list or stream.
     */
    private static long freeEffort(Object value) {
        if (value instanceof io.redoubt.engine.lists.ListValue l) {
            return l.nodeCount();
        } else if (value instanceof io.redoubt.engine.sets.SetValue set) {
            return set.isIntset() ? 1 : set.size();
        } else if (value instanceof io.redoubt.engine.hashes.HashValue h) {
            return h.isListpack() ? 1 : h.size();
        } else if (value instanceof io.redoubt.engine.zsets.SortedSetValue z) {
            return z.encoding().equals("listpack") ? 1 : z.size();
        } else if (value instanceof io.redoubt.engine.streams.StreamValue st) {
            return st.nodeCount() + st.groupCount();
        }
        return 1;
    }

    /** EXISTS does not count as an access (Redis looks keys up with LOOKUP_NOTOUCH). */
    private void exists(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().lookupRead(argv[i], false) != null) {
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    private void touch(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long n = 0;
        for (int i = 1; i < argv.length; i++) {
            if (ctx.db().lookupRead(argv[i], !ctx.client().noTouch()) != null) {
                n++;
            }
        }
        ctx.reply().integer(n);
    }

    private void type(CommandContext ctx) {
        Entry e = ctx.db().lookupRead(ctx.argv()[1], false);
        ctx.reply().simple(e == null ? "none" : e.type().wireName());
    }

    // ---- renaming, copying, moving ----------------------------------------------------------------

    private void rename(CommandContext ctx, boolean nx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry source = db.lookupWrite(argv[1]);
        if (source == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(argv[1], argv[2])) {
            if (nx) {
                ctx.reply().integer(0);
            } else {
                ctx.reply().ok();
            }
            return;
        }
        boolean overwrite = db.lookupWrite(argv[2]) != null;
        if (overwrite && nx) {
            ctx.reply().integer(0);
            return;
        }
        long mark = db.changeMark();
        if (overwrite) {
            db.delete(argv[2]);
        }
        transfer(source, db, db, argv[2]);
        db.delete(argv[1]);
        db.countChangesSince(mark, 1); // Redis counts a rename as one change
        db.notify(EventClass.GENERIC, "rename_from", argv[1]);
        db.notify(EventClass.GENERIC, "rename_to", argv[2]);
        reply(ctx, nx);
    }

    private static void reply(CommandContext ctx, boolean nx) {
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    /** Puts {@code source}'s value under {@code key} in {@code to}, with its expiry and access data. */
    private static void transfer(Entry source, Keyspace from, Keyspace to, byte[] key) {
        long expireAt = source.expireAt();
        Entry moved = to.put(key, source.value());
        from.inheritAccess(moved, source);
        if (expireAt != Entry.NO_EXPIRY) {
            to.setExpiry(moved, expireAt);
        }
    }

    private void move(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace src = ctx.db();
        Keyspace dst = database(ctx, argv[2]);
        if (src == dst) {
            throw new CommandException(SAME_OBJECT);
        }
        Entry e = src.lookupWrite(argv[1]);
        if (e == null || dst.lookupWrite(argv[1]) != null) {
            ctx.reply().integer(0);
            return;
        }
        long mark = src.changeMark();
        transfer(e, src, dst, argv[1]);
        src.delete(argv[1]);
        src.countChangesSince(mark, 1); // Redis counts a move as one change
        src.notify(EventClass.GENERIC, "move_from", argv[1]);
        dst.notify(EventClass.GENERIC, "move_to", argv[1]);
        ctx.reply().integer(1);
    }

    private void copy(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace src = ctx.db();
        Keyspace dst = src;
        boolean replace = false;
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "REPLACE")) {
                replace = true;
            } else if (Args.is(argv[i], "DB") && i + 1 < argv.length) {
                dst = database(ctx, argv[++i]);
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (src == dst && java.util.Arrays.equals(argv[1], argv[2])) {
            throw new CommandException(SAME_OBJECT);
        }
        Entry e = src.lookupRead(argv[1], !ctx.client().noTouch());
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        long expireAt = e.expireAt();
        boolean raw = e.raw();
        Object value = e.value() instanceof byte[] bytes ? bytes.clone() : ((RedisValue) e.value()).copy();
        if (dst.lookupWrite(argv[2]) != null) {
            if (!replace) {
                ctx.reply().integer(0);
                return;
            }
            dst.delete(argv[2]);
        }
        Entry copy = dst.put(argv[2], value);
        copy.markRaw(raw);
        if (expireAt != Entry.NO_EXPIRY) {
            dst.setExpiry(copy, expireAt);
        }
        dst.notify(EventClass.GENERIC, "copy_to", argv[2]);
        ctx.reply().integer(1);
    }

    /** A database index argument as MOVE and COPY ... DB read it. */
    private static Keyspace database(CommandContext ctx, byte[] arg) {
        int index = intArgument(arg, null);
        if (index < 0 || index >= ctx.shard().databaseCount()) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        return ctx.shard().db(index);
    }

    /**
     * Redis's getIntFromObjectOrReply: {@code error} replaces both of its messages when given,
     * otherwise a number outside int range gets its own wording.
     */
    private static int intArgument(byte[] arg, String error) {
        Long v = Args.parseLongOrNull(arg);
        if (v == null) {
            throw new CommandException(error != null ? error : Errors.NOT_INTEGER);
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandException(error != null ? error
                    : "ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        return (int) (long) v;
    }

    // ---- whole databases --------------------------------------------------------------------------

    private void swapdb(CommandContext ctx) {
        int a = intArgument(ctx.argv()[1], "ERR invalid first DB index");
        int b = intArgument(ctx.argv()[2], "ERR invalid second DB index");
        int count = ctx.shard().databaseCount();
        if (a < 0 || a >= count || b < 0 || b >= count) {
            throw new CommandException(Errors.DB_INDEX_OUT_OF_RANGE);
        }
        if (a != b) {
            ctx.shard().swap(a, b);
        }
        ctx.reply().ok();
    }

    /** FLUSHDB/FLUSHALL [ASYNC|SYNC]: both free memory at once here, so the mode is only validated. */
    private static void flushMode(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length == 2 && (Args.is(argv[1], "SYNC") || Args.is(argv[1], "ASYNC"))) {
            return;
        }
        if (argv.length != 1) {
            throw new CommandException(Errors.SYNTAX);
        }
    }

    private void flushdb(CommandContext ctx) {
        boolean async = flushAsync(ctx);
        long removed = ctx.db().clear();
        if (async) {
            ctx.shard().stats().lazyfreedObjects += removed;
        }
        ctx.reply().ok();
    }

    private void flushall(CommandContext ctx) {
        boolean async = flushAsync(ctx);
        long removed = ctx.shard().flushAll();
        if (async) {
            ctx.shard().stats().lazyfreedObjects += removed;
        }
        ctx.reply().ok();
    }

    /** Whether FLUSHDB/FLUSHALL asked for ASYNC, whose keys Redis frees on its lazyfree thread, each counted. */
    private static boolean flushAsync(CommandContext ctx) {
        flushMode(ctx);
        return ctx.argv().length == 2 && Args.is(ctx.argv()[1], "ASYNC");
    }

    // ---- iteration --------------------------------------------------------------------------------

    private void randomkey(CommandContext ctx) {
        Keyspace db = ctx.db();
        // Each expired pick is deleted, so this ends: with a live key or an empty database.
        while (true) {
            Entry e = db.randomEntry(ctx.shard().random());
            if (e == null) {
                break;
            }
            if (!db.isExpired(e)) {
                ctx.reply().bulk(e.key());
                return;
            }
            db.lookup(e.key()); // deletes it, as Redis's dbRandomKey does, then tries again
        }
        ctx.reply().nullBulk();
    }

    private void keys(CommandContext ctx) {
        byte[] pattern = ctx.argv()[1];
        boolean all = Glob.matchesEverything(pattern);
        Keyspace db = ctx.db();
        List<byte[]> found = new ArrayList<>();
        db.forEachEntry(e -> {
            if (!db.isExpired(e) && (all || Glob.matches(pattern, e.key(), false))) {
                found.add(e.key());
            }
        });
        ReplySink r = ctx.reply();
        r.array(found.size());
        for (byte[] k : found) {
            r.bulk(k);
        }
    }

    private void scan(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long cursor = ScanRequest.parseCursor(argv[1]);
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = 2; i < argv.length; i += 2) {
            boolean hasValue = i + 1 < argv.length;
            if (Args.is(argv[i], "COUNT") && hasValue) {
                count = Args.parseLong(argv[i + 1]);
                if (count < 1) {
                    throw new CommandException(Errors.SYNTAX);
                }
            } else if (Args.is(argv[i], "MATCH") && hasValue) {
                pattern = Glob.matchesEverything(argv[i + 1]) ? null : argv[i + 1];
            } else if (Args.is(argv[i], "TYPE") && hasValue) {
                type = Args.text(argv[i + 1]);
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Keyspace db = ctx.db();
        List<Entry> visited = new ArrayList<>();
        long next = db.scan(cursor, (int) Math.min(count, Integer.MAX_VALUE / 10), visited::add);
        List<byte[]> keys = new ArrayList<>(visited.size());
        for (Entry e : visited) {
            if (pattern != null && !Glob.matches(pattern, e.key(), false)) {
                continue;
            }
            if (type != null && !type.equalsIgnoreCase(e.type().wireName())) {
                continue;
            }
            if (db.isExpired(e)) {
                db.lookup(e.key()); // expire it now, as Redis's scan does with expireIfNeeded
                continue;
            }
            keys.add(e.key());
        }
        ReplySink r = ctx.reply();
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
        r.array(keys.size());
        for (byte[] k : keys) {
            r.bulk(k);
        }
    }
}
