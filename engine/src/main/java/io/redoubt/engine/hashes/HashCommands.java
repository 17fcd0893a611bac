package io.redoubt.engine.hashes;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.ScanRequest;
import io.redoubt.engine.command.TypedLookup;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.LongDouble;
import io.redoubt.engine.keyspace.ByteKey;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/** The hash family, with Redis 7.0's replies, errors and listpack/hashtable encodings. */
public final class HashCommands {
    private static final String RANDOM_TIP = "nondeterministic_output";
    private static final String ORDER_TIP = "nondeterministic_output_order";
    /** Largest repeated-pick reply we build: beyond it Redis itself would exhaust memory. */
    public static final long MAX_REPEATED_PICKS = Integer.MAX_VALUE / 2;

    public void register(CommandTable.Builder t) {
        t.add(write("hset", -4, "2.0.0", "Set the string value of a hash field", UPDATE)
                .args("key:key#0 field_value:block*(field:string value:string)")
                .complexity("O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.")
                .history("4.0.0", "Accepts multiple `field` and `value` arguments.")
                .flags(DENYOOM, FAST).handler(this::hset));
        t.add(write("hsetnx", 4, "2.0.0", "Set the value of a hash field, only if the field does not exist",
                INSERT).flags(DENYOOM, FAST).handler(this::hsetnx)
                .args("key:key#0 field:string value:string"));
        t.add(write("hmset", -4, "2.0.0", "Set multiple hash fields to multiple values", UPDATE)
                .args("key:key#0 field_value:block*(field:string value:string)")
                .complexity("O(N) where N is the number of fields being set.")
                .deprecated("4.0.0", "`HSET` with multiple field-value pairs")
                .flags(DENYOOM, FAST).handler(this::hmset));
        t.add(write("hdel", -3, "2.0.0", "Delete one or more hash fields",
                DELETE).flags(FAST).handler(this::hdel)
                .args("key:key#0 field:string*")
                .complexity("O(N) where N is the number of fields to be removed.")
                .history("2.4.0", "Accepts multiple `field` arguments."));
        t.add(write("hincrby", 4, "2.0.0", "Increment the integer value of a hash field by the given number",
                ACCESS, UPDATE).flags(DENYOOM, FAST).handler(this::hincrby)
                .args("key:key#0 field:string increment:integer"));
        t.add(write("hincrbyfloat", 4, "2.6.0", "Increment the float value of a hash field by the given amount",
                ACCESS, UPDATE).flags(DENYOOM, FAST).handler(this::hincrbyfloat)
                .args("key:key#0 field:string increment:double"));
        t.add(read("hget", 3, "2.0.0", "Get the value of a hash field", true).flags(FAST).handler(this::hget)
                .args("key:key#0 field:string"));
        t.add(read("hmget", -3, "2.0.0", "Get the values of all the given hash fields", true).flags(FAST).handler(this::hmget)
                .args("key:key#0 field:string*")
                .complexity("O(N) where N is the number of fields being requested."));
        t.add(read("hexists", 3, "2.0.0", "Determine if a hash field exists", false).flags(FAST)
                .args("key:key#0 field:string")
                .handler(this::hexists));
        t.add(read("hlen", 2, "2.0.0", "Get the number of fields in a hash", false).flags(FAST).handler(this::hlen)
                .args("key:key#0"));
        t.add(read("hstrlen", 3, "3.2.0", "Get the length of the value of a hash field", false).flags(FAST)
                .args("key:key#0 field:string")
                .handler(this::hstrlen));
        t.add(read("hkeys", 2, "2.0.0", "Get all the fields in a hash", true).tips(ORDER_TIP).handler(this::hkeys)
                .args("key:key#0")
                .complexity("O(N) where N is the size of the hash."));
        t.add(read("hvals", 2, "2.0.0", "Get all the values in a hash", true).tips(ORDER_TIP).handler(this::hvals)
                .args("key:key#0")
                .complexity("O(N) where N is the size of the hash."));
        t.add(read("hgetall", 2, "2.0.0", "Get all the fields and values in a hash", true).tips(ORDER_TIP)
                .args("key:key#0")
                .complexity("O(N) where N is the size of the hash.")
                .handler(this::hgetall));
        t.add(read("hrandfield", -2, "6.2.0", "Get one or multiple random fields from a hash", true).tips(RANDOM_TIP)
                .args("key:key#0 options:block?(count:integer WITHVALUES?)")
                .complexity("O(N) where N is the number of fields returned")
                .handler(this::hrandfield));
        t.add(read("hscan", -3, "2.8.0", "Incrementally iterate hash fields and associated values", true).tips(RANDOM_TIP)
                .args("key:key#0 cursor:integer pattern:pattern=MATCH? count:integer=COUNT?")
                .complexity("O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..")
                .handler(this::hscan));
    }

    private static CommandSpec.Builder write(String name, int arity, String since, String summary,
                                             KeySpec.Flag... keyFlags) {
        KeySpec.Flag[] flags = new KeySpec.Flag[keyFlags.length + 1];
        flags[0] = RW;
        System.arraycopy(keyFlags, 0, flags, 1, keyFlags.length);
        return CommandSpec.builder(name, arity).flags(WRITE).acl(AclCategory.HASH).key(KeySpec.single(1, flags))
                .group("hash").since(since).summary(summary).complexity("O(1)");
    }

    private static CommandSpec.Builder read(String name, int arity, String since, String summary, boolean access) {
        KeySpec key = access ? KeySpec.single(1, RO, ACCESS) : KeySpec.single(1, RO);
        return CommandSpec.builder(name, arity).flags(READONLY).acl(AclCategory.HASH).key(key)
                .group("hash").since(since).summary(summary).complexity("O(1)");
    }

    // ---- lookups ----------------------------------------------------------------------------------

    /** The hash at {@code key} for reading, null when absent; WRONGTYPE for another type. */
    static HashValue readHash(CommandContext ctx, byte[] key) {
        return TypedLookup.read(ctx, key, HashValue.class);
    }

    /** The entry of the hash at {@code key} for writing, null when absent; WRONGTYPE for another type. */
    private static Entry writeEntry(Keyspace db, byte[] key) {
        return TypedLookup.write(db, key, HashValue.class);
    }

    /**
     * Stores the outcome of a write: adds a new hash, reports the memory change of an existing one, and
     * deletes a hash left empty (Redis never keeps empty collections).
     */
    private static void commit(Keyspace db, byte[] key, Entry e, HashValue h, long bytesBefore) {
        if (e == null) {
            if (h.size() > 0) {
                db.add(key, h);
            }
            return;
        }
        db.modified(e, h.estimatedBytes() - bytesBefore);
        if (h.size() == 0) {
            db.delete(key);
        }
    }

    // ---- writes -----------------------------------------------------------------------------------

    // Redis replies before it notifies in HSET, HSETNX and HINCRBY[FLOAT] (and after in HDEL).

    private void hset(CommandContext ctx) {
        ctx.reply().integer(setPairs(ctx));
        ctx.db().notify(EventClass.HASH, "hset", ctx.argv()[1]);
    }

    private void hmset(CommandContext ctx) {
        setPairs(ctx);
        ctx.reply().ok();
        ctx.db().notify(EventClass.HASH, "hset", ctx.argv()[1]);
    }

    private static long setPairs(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length % 2 == 1) {
            throw new CommandException(Errors.wrongArity(ctx.spec().fullName()));
        }
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        long mark = db.changeMark();
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        long before = h.estimatedBytes();
        var limits = ctx.shard().encodingLimits();
        h.convertForLongArguments(argv, 2, argv.length - 1, limits);
        long created = 0;
        for (int i = 2; i < argv.length; i += 2) {
            if (h.set(argv[i], argv[i + 1], limits)) {
                created++;
            }
        }
        commit(db, argv[1], e, h, before);
        db.countChangesSince(mark, (argv.length - 2) / 2); // Redis counts every pair, set anew or not
        return created;
    }

    private void hsetnx(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        if (h.contains(argv[2])) {
            ctx.reply().integer(0);
            return;
        }
        long before = h.estimatedBytes();
        var limits = ctx.shard().encodingLimits();
        h.convertForLongArguments(argv, 2, 3, limits);
        h.set(argv[2], argv[3], limits);
        commit(db, argv[1], e, h, before);
        ctx.reply().integer(1);
        db.notify(EventClass.HASH, "hset", argv[1]);
    }

    private void hdel(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        HashValue h = (HashValue) e.value();
        long before = h.estimatedBytes();
        long deleted = 0;
        for (int i = 2; i < argv.length && h.size() > 0; i++) {
            if (h.remove(argv[i])) {
                deleted++;
            }
        }
        if (deleted > 0) {
            long mark = db.changeMark();
            commit(db, argv[1], e, h, before);
            db.countChangesSince(mark, deleted);
            db.notify(EventClass.HASH, "hdel", argv[1]);
            if (h.size() == 0) {
                db.notify(EventClass.GENERIC, "del", argv[1]);
            }
        }
        ctx.reply().integer(deleted);
    }

    private void hincrby(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long increment = Args.parseLong(argv[3]);
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        byte[] current = h.get(argv[2]);
        long value = 0;
        if (current != null) {
            Long parsed = Args.parseLongOrNull(current);
            if (parsed == null) {
                throw new CommandException(Errors.HASH_VALUE_NOT_INTEGER);
            }
            value = parsed;
        }
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw new CommandException(Errors.OVERFLOW);
        }
        value += increment;
        long before = h.estimatedBytes();
        h.set(argv[2], Args.bytes(value), ctx.shard().encodingLimits());
        commit(db, argv[1], e, h, before);
        ctx.reply().integer(value);
        db.notify(EventClass.HASH, "hincrby", argv[1]);
    }

    private void hincrbyfloat(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        BigDecimal increment = LongDouble.parse(argv[3]);
        if (increment == null) {
            throw new CommandException(Errors.NOT_FLOAT);
        }
        if (LongDouble.isInfinite(increment)) {
            throw new CommandException(Errors.NAN_OR_INFINITY_VALUE);
        }
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        HashValue h = e == null ? new HashValue() : (HashValue) e.value();
        byte[] current = h.get(argv[2]);
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            value = LongDouble.parse(current);
            if (value == null) {
                throw new CommandException(Errors.HASH_VALUE_NOT_FLOAT);
            }
        }
        BigDecimal sum = LongDouble.add(value, increment);
        if (sum == null || LongDouble.isInfinite(sum)) {
            throw new CommandException(Errors.NAN_OR_INFINITY);
        }
        byte[] text = LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
        long before = h.estimatedBytes();
        h.set(argv[2], text, ctx.shard().encodingLimits());
        commit(db, argv[1], e, h, before);
        // recorded as the value it wrote, as Redis records it: replay must not redo the float arithmetic
        ctx.propagateAs(new byte[][] {Args.bytes("HSET"), argv[1], argv[2], text});
        ctx.reply().bulk(text);
        db.notify(EventClass.HASH, "hincrbyfloat", argv[1]);
    }

    // ---- reads ------------------------------------------------------------------------------------

    private void hget(CommandContext ctx) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        byte[] v = h == null ? null : h.get(ctx.argv()[2]);
        if (v == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(v);
        }
    }

    private void hmget(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        HashValue h = readHash(ctx, argv[1]);
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            byte[] v = h == null ? null : h.get(argv[i]);
            if (v == null) {
                r.nullBulk();
            } else {
                r.bulk(v);
            }
        }
    }

    private void hexists(CommandContext ctx) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        ctx.reply().integer(h != null && h.contains(ctx.argv()[2]) ? 1 : 0);
    }

    private void hlen(CommandContext ctx) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        ctx.reply().integer(h == null ? 0 : h.size());
    }

    private void hstrlen(CommandContext ctx) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        byte[] v = h == null ? null : h.get(ctx.argv()[2]);
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    private void hkeys(CommandContext ctx) {
        replyHalves(ctx, true);
    }

    private void hvals(CommandContext ctx) {
        replyHalves(ctx, false);
    }

    /** Every field (HKEYS) or every value (HVALS), in the hash's order. */
    private static void replyHalves(CommandContext ctx, boolean fields) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        ReplySink r = ctx.reply();
        if (h == null) {
            r.array(0);
            return;
        }
        r.array(h.size());
        h.forEach((f, v) -> r.bulk(fields ? f : v));
    }

    private void hgetall(CommandContext ctx) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        ReplySink r = ctx.reply();
        if (h == null) {
            r.map(0);
            return;
        }
        r.map(h.size());
        h.forEach((f, v) -> {
            r.bulk(f);
            r.bulk(v);
        });
    }

    // ---- HRANDFIELD -------------------------------------------------------------------------------

    private void hrandfield(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length >= 3) {
            long count = randomCount(argv[2]);
            boolean withValues = false;
            if (argv.length > 4 || (argv.length == 4 && !Args.is(argv[3], "WITHVALUES"))) {
                throw new CommandException(Errors.SYNTAX);
            } else if (argv.length == 4) {
                withValues = true;
                if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                    throw new CommandException(Errors.OUT_OF_RANGE);
                }
            }
            hrandfieldWithCount(ctx, count, withValues);
            return;
        }
        HashValue h = readHash(ctx, argv[1]);
        if (h == null) {
            ctx.reply().nullBulk();
            return;
        }
        RandomGenerator random = ctx.shard().random();
        if (h.isListpack()) {
            ctx.reply().bulk(h.listpackField(random.nextInt(h.size())));
        } else {
            ctx.reply().bulk(h.table().random(random).key());
        }
    }

    /** A count in [-LONG_MAX, LONG_MAX], with Redis's two error texts. */
    static long randomCount(byte[] arg) {
        Long v = Args.parseLongOrNull(arg);
        if (v == null) {
            throw new CommandException(Errors.NOT_INTEGER);
        }
        if (v == Long.MIN_VALUE) {
            throw new CommandException(Errors.outOfRangeBetween(-Long.MAX_VALUE, Long.MAX_VALUE));
        }
        return v;
    }

    private void hrandfieldWithCount(CommandContext ctx, long requested, boolean withValues) {
        HashValue h = readHash(ctx, ctx.argv()[1]);
        ReplySink r = ctx.reply();
        if (h == null || requested == 0) {
            r.array(0);
            return;
        }
        RandomGenerator random = ctx.shard().random();
        int size = h.size();
        if (requested < 0) {
            // with repetition: exactly -count picks, streamed without holding them
            long count = -requested;
            if (count > MAX_REPEATED_PICKS) {
                // Redis would try to send it and run out of memory; a reply header is an int here
                throw new CommandException(Errors.OUT_OF_RANGE);
            }
            replyPairsHeader(r, count, withValues);
            // a packed listpack is walked, not indexed: unpack its pairs once for the picks
            List<byte[]> pairs = h.isListpack() ? new ArrayList<>(2 * size) : null;
            if (pairs != null) {
                h.forEach((f, v) -> {
                    pairs.add(f);
                    pairs.add(v);
                });
            }
            for (long i = 0; i < count; i++) {
                byte[] f;
                byte[] v;
                if (pairs != null) {
                    int at = random.nextInt(size);
                    f = pairs.get(2 * at);
                    v = pairs.get(2 * at + 1);
                } else {
                    ByteTable.Node n = h.table().random(random);
                    f = n.key();
                    v = n.value();
                }
                replyPair(r, f, v, withValues);
            }
            return;
        }
        if (requested >= size) {
            replyPairsHeader(r, size, withValues);
            h.forEach((f, v) -> replyPair(r, f, v, withValues));
            return;
        }
        int count = (int) requested;
        List<byte[]> picked = new ArrayList<>(count);
        if (h.isListpack()) {
            // selection sampling keeps the listpack's order, as lpRandomPairsUnique does
            int needed = count;
            for (int i = 0; i < size && needed > 0; i++) {
                if (random.nextInt(size - i) < needed) {
                    picked.add(h.listpackField(i));
                    picked.add(h.listpackValue(i));
                    needed--;
                }
            }
        } else if ((long) count * 3 > size) {
            List<byte[]> all = new ArrayList<>(2 * size);
            h.forEach((f, v) -> {
                all.add(f);
                all.add(v);
            });
            int remaining = size;
            while (remaining > count) {
                int at = random.nextInt(remaining);
                remaining--;
                all.set(2 * at, all.get(2 * remaining));
                all.set(2 * at + 1, all.get(2 * remaining + 1));
            }
            picked = all.subList(0, 2 * count);
        } else {
            HashSet<ByteKey> seen = new HashSet<>();
            while (seen.size() < count) {
                ByteTable.Node n = h.table().random(random);
                if (seen.add(new ByteKey(n.key()))) {
                    picked.add(n.key());
                    picked.add(n.value());
                }
            }
        }
        replyPairsHeader(r, count, withValues);
        for (int i = 0; i < picked.size(); i += 2) {
            replyPair(r, picked.get(i), picked.get(i + 1), withValues);
        }
    }

    private static void replyPairsHeader(ReplySink r, long count, boolean withValues) {
        // RESP3 nests each field/value pair; RESP2 flattens them (Redis's hrandfield reply shape)
        r.array((int) (withValues && r.protocol() == 2 ? count * 2 : count));
    }

    private static void replyPair(ReplySink r, byte[] field, byte[] value, boolean withValues) {
        if (withValues && r.protocol() == 3) {
            r.array(2);
        }
        r.bulk(field);
        if (withValues) {
            r.bulk(value);
        }
    }

    // ---- HSCAN ------------------------------------------------------------------------------------

    private void hscan(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long cursor = ScanRequest.parseCursor(argv[2]);
        HashValue h = readHash(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (h == null) {
            replyEmptyScan(r);
            return;
        }
        ScanRequest request = ScanRequest.parse(argv, 3);
        List<byte[]> found = new ArrayList<>();
        long next = 0;
        if (h.isListpack()) {
            h.forEach((f, v) -> addMatching(found, request, f, v));
        } else {
            next = h.table().scan(cursor, request.count(), (f, v) -> addMatching(found, request, f, v));
        }
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
        r.array(found.size());
        for (byte[] b : found) {
            r.bulk(b);
        }
    }

    private static void addMatching(List<byte[]> found, ScanRequest request, byte[] field, byte[] value) {
        if (request.matches(field)) {
            found.add(field);
            found.add(value);
        }
    }

    /** The reply to a scan of a missing key: cursor 0 and no elements. */
    public static void replyEmptyScan(ReplySink r) {
        r.array(2);
        r.bulk("0");
        r.array(0);
    }
}
