package io.redoubt.engine.sets;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
import static io.redoubt.engine.command.KeySpec.Flag.INSERT;
import static io.redoubt.engine.command.KeySpec.Flag.OW;
import static io.redoubt.engine.command.KeySpec.Flag.RO;
import static io.redoubt.engine.command.KeySpec.Flag.RW;
import static io.redoubt.engine.command.KeySpec.Flag.UPDATE;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.ByteKey;
import io.redoubt.engine.hashes.HashCommands;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.command.ScanRequest;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/** The set family, with Redis 7.0's replies, errors and intset/hashtable encodings. */
public final class SetCommands {
    private static final String RANDOM_TIP = "nondeterministic_output";
    private static final String ORDER_TIP = "nondeterministic_output_order";
    /** How SPOP is recorded for the AOF and replicas, as Redis records it: SREM of the members taken, or DEL. */
    private static final byte[] SREM = Args.bytes("SREM");
    private static final byte[] DEL = Args.bytes("DEL");

    public void register(CommandTable.Builder t) {
        t.add(spec("sadd", -3, "1.0.0", "Add one or more members to a set")
                .args("key:key#0 member:string*")
                .complexity("O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.")
                .history("2.4.0", "Accepts multiple `member` arguments.")
                .flags(WRITE, DENYOOM, FAST).key(KeySpec.single(1, RW, INSERT)).handler(this::sadd));
        t.add(spec("srem", -3, "1.0.0", "Remove one or more members from a set")
                .args("key:key#0 member:string*")
                .complexity("O(N) where N is the number of members to be removed.")
                .history("2.4.0", "Accepts multiple `member` arguments.")
                .flags(WRITE, FAST).key(KeySpec.single(1, RW, DELETE)).handler(this::srem));
        t.add(spec("smembers", 2, "1.0.0", "Get all the members in a set")
                .args("key:key#0")
                .complexity("O(N) where N is the set cardinality.")
                .flags(READONLY).key(KeySpec.single(1, RO, ACCESS)).tips(ORDER_TIP).handler(this::smembers));
        t.add(spec("sismember", 3, "1.0.0", "Determine if a given value is a member of a set")
                .args("key:key#0 member:string")
                .flags(READONLY, FAST).key(KeySpec.single(1, RO)).handler(this::sismember));
        t.add(spec("smismember", -3, "6.2.0", "Returns the membership associated with the given elements for a set")
                .args("key:key#0 member:string*")
                .complexity("O(N) where N is the number of elements being checked for membership")
                .flags(READONLY, FAST).key(KeySpec.single(1, RO, ACCESS)).handler(this::smismember));
        t.add(spec("scard", 2, "1.0.0", "Get the number of members in a set")
                .args("key:key#0")
                .flags(READONLY, FAST).key(KeySpec.single(1, RO)).handler(this::scard));
        t.add(spec("spop", -2, "1.0.0", "Remove and return one or multiple random members from a set")
                .args("key:key#0 count:integer@3.2.0?")
                .complexity("Without the count argument O(1), otherwise O(N) where N is the value of the passed count.")
                .history("3.2.0", "Added the `count` argument.")
                .flags(WRITE, FAST).key(KeySpec.single(1, RW, ACCESS, DELETE)).tips(RANDOM_TIP).handler(this::spop)
                .propagates(Propagation.RESULTING_STATE));
        t.add(spec("srandmember", -2, "1.0.0", "Get one or multiple random members from a set")
                .args("key:key#0 count:integer@2.6.0?")
                .complexity("Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.")
                .history("2.6.0", "Added the optional `count` argument.")
                .flags(READONLY).key(KeySpec.single(1, RO, ACCESS)).tips(RANDOM_TIP).handler(this::srandmember));
        t.add(spec("smove", 4, "1.0.0", "Move a member from one set to another")
                .args("source:key#0 destination:key#1 member:string")
                .flags(WRITE, FAST).key(KeySpec.single(1, RW, ACCESS, DELETE)).key(KeySpec.single(2, RW, INSERT))
                .handler(this::smove));
        t.add(spec("sinter", -2, "1.0.0", "Intersect multiple sets")
                .args("key:key#0*")
                .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                .flags(READONLY).key(KeySpec.range(1, -1, 1, RO, ACCESS)).tips(ORDER_TIP).handler(this::sinter));
        t.add(spec("sintercard", -3, "7.0.0", "Intersect multiple sets and return the cardinality of the result")
                .args("numkeys:integer key:key#0* limit:integer=LIMIT?")
                .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                .flags(READONLY).key(KeySpec.keynum(1, 0, 1, 1, RO, ACCESS)).handler(this::sintercard));
        t.add(spec("sinterstore", -3, "1.0.0", "Intersect multiple sets and store the resulting set in a key")
                .args("destination:key#0 key:key#1*")
                .complexity("O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.")
                // RW, not OW like SUNIONSTORE and SDIFFSTORE: Redis 7.0's COMMAND INFO says so
                .flags(WRITE, DENYOOM).key(KeySpec.single(1, RW, UPDATE)).key(KeySpec.range(2, -1, 1, RO, ACCESS))
                .handler(this::sinterstore));
        t.add(spec("sunion", -2, "1.0.0", "Add multiple sets")
                .args("key:key#0*")
                .complexity("O(N) where N is the total number of elements in all given sets.")
                .flags(READONLY).key(KeySpec.range(1, -1, 1, RO, ACCESS)).tips(ORDER_TIP).handler(this::sunion));
        t.add(spec("sunionstore", -3, "1.0.0", "Add multiple sets and store the resulting set in a key")
                .args("destination:key#0 key:key#1*")
                .complexity("O(N) where N is the total number of elements in all given sets.")
                .flags(WRITE, DENYOOM).key(KeySpec.single(1, OW, UPDATE)).key(KeySpec.range(2, -1, 1, RO, ACCESS))
                .handler(this::sunionstore));
        t.add(spec("sdiff", -2, "1.0.0", "Subtract multiple sets")
                .args("key:key#0*")
                .complexity("O(N) where N is the total number of elements in all given sets.")
                .flags(READONLY).key(KeySpec.range(1, -1, 1, RO, ACCESS)).tips(ORDER_TIP).handler(this::sdiff));
        t.add(spec("sdiffstore", -3, "1.0.0", "Subtract multiple sets and store the resulting set in a key")
                .args("destination:key#0 key:key#1*")
                .complexity("O(N) where N is the total number of elements in all given sets.")
                .flags(WRITE, DENYOOM).key(KeySpec.single(1, OW, UPDATE)).key(KeySpec.range(2, -1, 1, RO, ACCESS))
                .handler(this::sdiffstore));
        t.add(spec("sscan", -3, "2.8.0", "Incrementally iterate Set elements")
                .args("key:key#0 cursor:integer pattern:pattern=MATCH? count:integer=COUNT?")
                .complexity("O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..")
                .flags(READONLY).key(KeySpec.single(1, RO, ACCESS)).tips(RANDOM_TIP).handler(this::sscan));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary) {
        return CommandSpec.builder(name, arity).acl(AclCategory.SET).group("set").since(since).summary(summary)
                .complexity("O(1)");
    }

    // ---- lookups ----------------------------------------------------------------------------------

    private static SetValue readSet(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        return e == null ? null : asSet(e);
    }

    private static Entry writeEntry(Keyspace db, byte[] key) {
        Entry e = db.lookupWrite(key);
        if (e != null) {
            asSet(e);
        }
        return e;
    }

    private static SetValue asSet(Entry e) {
        if (!(e.value() instanceof SetValue s)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return s;
    }

    /** Reports the memory change of an existing set and deletes it when left empty. */
    private static void commit(Keyspace db, Entry e, SetValue s, long bytesBefore) {
        if (s.size() == 0) {
            db.deleteEmptied(e, s.estimatedBytes() - bytesBefore);
        } else {
            db.modified(e, s.estimatedBytes() - bytesBefore);
        }
    }

    private static int maxIntset(CommandContext ctx) {
        return ctx.shard().encodingLimits().setMaxIntsetEntries();
    }

    // ---- single-set commands ------------------------------------------------------------------------

    private void sadd(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        long mark = db.changeMark();
        SetValue s = e == null ? SetValue.createFor(argv[2]) : (SetValue) e.value();
        long before = s.estimatedBytes();
        int max = maxIntset(ctx);
        long added = 0;
        for (int i = 2; i < argv.length; i++) {
            if (s.add(argv[i], max)) {
                added++;
            }
        }
        if (e == null) {
            db.add(argv[1], s);
        } else {
            db.modified(e, s.estimatedBytes() - before);
        }
        db.countChangesSince(mark, added);
        if (added > 0) {
            db.notify(EventClass.SET, "sadd", argv[1]);
        }
        ctx.reply().integer(added);
    }

    private void srem(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        long before = s.estimatedBytes();
        long removed = 0;
        for (int i = 2; i < argv.length && s.size() > 0; i++) {
            if (s.remove(argv[i])) {
                removed++;
            }
        }
        if (removed > 0) {
            long mark = db.changeMark();
            commit(db, e, s, before);
            db.countChangesSince(mark, removed);
            db.notify(EventClass.SET, "srem", argv[1]);
            if (s.size() == 0) {
                db.notify(EventClass.GENERIC, "del", argv[1]);
            }
        }
        ctx.reply().integer(removed);
    }

    private void smembers(CommandContext ctx) {
        SetValue s = readSet(ctx, ctx.argv()[1]);
        ReplySink r = ctx.reply();
        if (s == null) {
            r.set(0);
            return;
        }
        r.set(s.size());
        s.forEach(r::bulk);
    }

    private void sismember(CommandContext ctx) {
        SetValue s = readSet(ctx, ctx.argv()[1]);
        ctx.reply().integer(s != null && s.contains(ctx.argv()[2]) ? 1 : 0);
    }

    private void smismember(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue s = readSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            r.integer(s != null && s.contains(argv[i]) ? 1 : 0);
        }
    }

    private void scard(CommandContext ctx) {
        SetValue s = readSet(ctx, ctx.argv()[1]);
        ctx.reply().integer(s == null ? 0 : s.size());
    }

    private void smove(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        Entry src = db.lookupWrite(argv[1]);
        Entry dst = db.lookupWrite(argv[2]);
        byte[] member = argv[3];
        if (src == null) {
            ctx.reply().integer(0);
            return;
        }
        SetValue from = asSet(src);
        if (dst != null) {
            asSet(dst);
        }
        if (src == dst) {
            ctx.reply().integer(from.contains(member) ? 1 : 0);
            return;
        }
        long before = from.estimatedBytes();
        if (!from.remove(member)) {
            ctx.reply().integer(0);
            return;
        }
        commit(db, src, from, before);
        db.notify(EventClass.SET, "srem", argv[1]);
        if (from.size() == 0) {
            db.notify(EventClass.GENERIC, "del", argv[1]);
        }
        boolean added;
        if (dst == null) {
            SetValue to = SetValue.createFor(member);
            added = to.add(member, maxIntset(ctx));
            db.add(argv[2], to);
        } else {
            SetValue to = (SetValue) dst.value();
            long toBefore = to.estimatedBytes();
            added = to.add(member, maxIntset(ctx));
            // as in Redis, the destination counts as changed (WATCH, change counter) only when it gained the member
            if (added) {
                db.modified(dst, to.estimatedBytes() - toBefore);
            }
        }
        if (added) {
            db.notify(EventClass.SET, "sadd", argv[2]);
        }
        ctx.reply().integer(1);
    }

    // ---- random members -----------------------------------------------------------------------------

    private void spop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length == 3) {
            spopWithCount(ctx);
            return;
        } else if (argv.length > 3) {
            throw new CommandException(Errors.SYNTAX);
        }
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        if (e == null) {
            ctx.reply().nullBulk();
            return;
        }
        SetValue s = (SetValue) e.value();
        long before = s.estimatedBytes();
        byte[] m = s.pop(ctx.shard().random());
        commit(db, e, s, before);
        ctx.propagateAs(new byte[][] {SREM, argv[1], m}); // Redis records the member it took
        // Redis's order: spop, the reply, then del
        db.notify(EventClass.SET, "spop", argv[1]);
        ctx.reply().bulk(m);
        if (s.size() == 0) {
            db.notify(EventClass.GENERIC, "del", argv[1]);
        }
    }

    private void spopWithCount(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Long parsed = Args.parseLongOrNull(argv[2]);
        if (parsed == null || parsed < 0) {
            throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
        }
        long count = parsed;
        Keyspace db = ctx.db();
        Entry e = writeEntry(db, argv[1]);
        ReplySink r = ctx.reply();
        if (e == null || count == 0) {
            r.set(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        if (count >= s.size()) {
            // the whole set, rebuilt the way SUNION builds its result (so an intset comes out sorted)
            SetValue all = union(List.of(s), maxIntset(ctx));
            db.notify(EventClass.SET, "spop", argv[1]);
            long mark = db.changeMark();
            db.delete(argv[1]);
            db.countChangesSince(mark, all.size());
            ctx.propagateAs(new byte[][] {DEL, argv[1]});
            replySet(r, all);
            db.notify(EventClass.GENERIC, "del", argv[1]);
            return;
        }
        long before = s.estimatedBytes();
        RandomGenerator random = ctx.shard().random();
        int n = (int) count;
        db.notify(EventClass.SET, "spop", argv[1]); // before the reply, as in Redis
        r.set(n);
        for (int i = 0; i < n; i++) {
            byte[] m = s.pop(random);
            r.bulk(m);
            ctx.propagateAs(new byte[][] {SREM, argv[1], m}); // Redis 7.0 records one SREM per member taken
        }
        long mark = db.changeMark();
        commit(db, e, s, before);
        db.countChangesSince(mark, n);
    }

    private void srandmember(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length == 3) {
            srandmemberWithCount(ctx);
            return;
        } else if (argv.length > 3) {
            throw new CommandException(Errors.SYNTAX);
        }
        SetValue s = readSet(ctx, argv[1]);
        if (s == null) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(s.random(ctx.shard().random()));
        }
    }

    private void srandmemberWithCount(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Long parsed = Args.parseLongOrNull(argv[2]);
        if (parsed == null) {
            throw new CommandException(Errors.NOT_INTEGER);
        }
        if (parsed == Long.MIN_VALUE) {
            throw new CommandException(Errors.outOfRangeBetween(-Long.MAX_VALUE, Long.MAX_VALUE));
        }
        long requested = parsed;
        SetValue s = readSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (s == null || requested == 0) {
            r.array(0);
            return;
        }
        RandomGenerator random = ctx.shard().random();
        int size = s.size();
        if (requested < 0) {
            long count = -requested;
            if (count > HashCommands.MAX_REPEATED_PICKS) {
                throw new CommandException(Errors.OUT_OF_RANGE);
            }
            r.array((int) count);
            for (long i = 0; i < count; i++) {
                r.bulk(s.random(random));
            }
            return;
        }
        if (requested >= size) {
            r.array(size);
            s.forEach(r::bulk);
            return;
        }
        int count = (int) requested;
        List<byte[]> picked;
        if ((long) count * 3 > size) {
            List<byte[]> all = s.sortElements();
            int remaining = size;
            while (remaining > count) {
                int at = random.nextInt(remaining);
                remaining--;
                all.set(at, all.get(remaining));
            }
            picked = all.subList(0, count);
        } else {
            picked = new ArrayList<>(count);
            HashSet<ByteKey> seen = new HashSet<>();
            while (picked.size() < count) {
                byte[] m = s.random(random);
                if (seen.add(new ByteKey(m))) {
                    picked.add(m);
                }
            }
        }
        r.array(count);
        for (byte[] m : picked) {
            r.bulk(m);
        }
    }

    // ---- multi-set algebra --------------------------------------------------------------------------

    /** The sets at {@code argv[from..]}, null for missing keys; WRONGTYPE if any holds another type. */
    private static SetValue[] lookupSets(CommandContext ctx, byte[][] argv, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            sets[i - from] = readSet(ctx, argv[i]);
        }
        return sets;
    }

    private void sinter(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 1, argv.length);
        List<byte[]> result = new ArrayList<>();
        intersect(sets, 0, result::add);
        ReplySink r = ctx.reply();
        r.set(result.size());
        for (byte[] m : result) {
            r.bulk(m);
        }
    }

    private void sintercard(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Long numkeys = Args.parseLongOrNull(argv[1]);
        if (numkeys == null || numkeys < 1) {
            throw new CommandException(Errors.NUMKEYS_NOT_POSITIVE);
        }
        if (numkeys > argv.length - 2) {
            throw new CommandException(Errors.NUMKEYS_TOO_MANY);
        }
        int keysEnd = 2 + (int) (long) numkeys;
        long limit = 0;
        for (int j = keysEnd; j < argv.length; j++) {
            if (Args.is(argv[j], "LIMIT") && j < argv.length - 1) {
                j++;
                Long l = Args.parseLongOrNull(argv[j]);
                if (l == null || l < 0) {
                    throw new CommandException(Errors.LIMIT_NEGATIVE);
                }
                limit = l;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        SetValue[] sets = lookupSets(ctx, argv, 2, keysEnd);
        long[] n = {0};
        intersect(sets, limit, m -> n[0]++);
        ctx.reply().integer(n[0]);
    }

    private void sinterstore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 2, argv.length);
        SetValue result = SetValue.createIntset();
        int max = maxIntset(ctx);
        intersect(sets, 0, m -> result.add(m, max));
        if (Arrays.asList(sets).contains(null)) {
            // Redis's shortcut for a missing source: the deletion is announced before the reply
            if (ctx.db().delete(argv[1])) {
                ctx.db().notify(EventClass.GENERIC, "del", argv[1]);
            }
            ctx.reply().integer(0);
            return;
        }
        store(ctx, argv[1], result, "sinterstore");
    }

    /**
     * Calls {@code out} for each member of the intersection, in the order of the smallest set (as
     * Redis iterates it), stopping after {@code limit} members when limit is positive.
     */
    private static void intersect(SetValue[] sets, long limit, java.util.function.Consumer<byte[]> out) {
        for (SetValue s : sets) {
            if (s == null) {
                return; // a missing key is an empty set
            }
        }
        SetValue[] sorted = sets.clone();
        Arrays.sort(sorted, Comparator.comparingInt(SetValue::size));
        long[] found = {0};
        List<byte[]> members = sorted[0].sortElements();
        for (byte[] m : members) {
            boolean inAll = true;
            for (int j = 1; j < sorted.length && inAll; j++) {
                if (sorted[j] != sorted[0] && !sorted[j].contains(m)) {
                    inAll = false;
                }
            }
            if (inAll) {
                out.accept(m);
                found[0]++;
                if (limit > 0 && found[0] >= limit) {
                    return;
                }
            }
        }
    }

    private void sunion(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 1, argv.length);
        replySet(ctx.reply(), union(Arrays.asList(sets), maxIntset(ctx)));
    }

    private void sunionstore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 2, argv.length);
        store(ctx, argv[1], union(Arrays.asList(sets), maxIntset(ctx)), "sunionstore");
    }

    private void sdiff(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 1, argv.length);
        replySet(ctx.reply(), difference(sets, maxIntset(ctx)));
    }

    private void sdiffstore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SetValue[] sets = lookupSets(ctx, argv, 2, argv.length);
        store(ctx, argv[1], difference(sets, maxIntset(ctx)), "sdiffstore");
    }

    /** The union, built from an empty intset as Redis builds it (null entries are missing keys). */
    private static SetValue union(List<SetValue> sets, int maxIntset) {
        SetValue result = SetValue.createIntset();
        for (SetValue s : sets) {
            if (s != null) {
                s.forEach(m -> result.add(m, maxIntset));
            }
        }
        return result;
    }

    /**
     * Members of the first set in none of the others, computed with the algorithm Redis 7.0 would
     * pick, because the choice shows: the second one adds the whole first set before removing, so a
     * non-integer member that is later removed still leaves a hashtable (and hashtable order).
     */
    private static SetValue difference(SetValue[] sets, int maxIntset) {
        SetValue result = SetValue.createIntset();
        if (sets[0] == null) {
            return result;
        }
        long algoOneWork = 0;
        long algoTwoWork = 0;
        for (SetValue s : sets) {
            if (s != null) {
                algoOneWork += sets[0].size();
                algoTwoWork += s.size();
            }
        }
        algoOneWork /= 2; // Redis favours the first algorithm: it stops early on common members
        if (algoOneWork <= algoTwoWork) {
            sets[0].forEach(m -> {
                for (int j = 1; j < sets.length; j++) {
                    if (sets[j] == null) {
                        continue;
                    }
                    if (sets[j] == sets[0] || sets[j].contains(m)) {
                        return; // the same key twice empties the result, as in Redis
                    }
                }
                result.add(m, maxIntset);
            });
            return result;
        }
        sets[0].forEach(m -> result.add(m, maxIntset));
        for (int j = 1; j < sets.length && result.size() > 0; j++) {
            if (sets[j] != null) {
                for (byte[] m : sets[j].sortElements()) {
                    result.remove(m);
                }
            }
        }
        return result;
    }

    /**
     * Replaces {@code key} with {@code result}, or deletes it when the result is empty; the reply comes
     * before the notification ({@code event} or {@code del}), as in Redis.
     */
    private static void store(CommandContext ctx, byte[] key, SetValue result, String event) {
        Keyspace db = ctx.db();
        if (result.size() == 0) {
            boolean deleted = db.delete(key);
            ctx.reply().integer(0);
            if (deleted) {
                db.notify(EventClass.GENERIC, "del", key);
            }
            return;
        }
        db.put(key, result);
        ctx.reply().integer(result.size());
        db.notify(EventClass.SET, event, key);
    }

    private static void replySet(ReplySink r, SetValue s) {
        r.set(s.size());
        s.forEach(r::bulk);
    }

    // ---- SSCAN --------------------------------------------------------------------------------------

    private void sscan(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long cursor = ScanRequest.parseCursor(argv[2]);
        SetValue s = readSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (s == null) {
            r.array(2);
            r.bulk("0");
            r.array(0);
            return;
        }
        ScanRequest request = ScanRequest.parse(argv, 3);
        List<byte[]> found = new ArrayList<>();
        long next = 0;
        if (s.isIntset()) {
            s.forEach(m -> {
                if (request.matches(m)) {
                    found.add(m);
                }
            });
        } else {
            next = s.table().scan(cursor, request.count(), (m, v) -> {
                if (request.matches(m)) {
                    found.add(m);
                }
            });
        }
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
        r.array(found.size());
        for (byte[] m : found) {
            r.bulk(m);
        }
    }
}
