package io.redoubt.engine.zsets;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
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
import io.redoubt.engine.command.ElementRange;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.ScanRequest;
import io.redoubt.engine.command.TypedLookup;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandFlag;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.keyspace.SortableValue;
import io.redoubt.engine.keyspace.ValueType;
import io.redoubt.resp.DoubleFormat;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The non-blocking sorted-set commands. Elements leave a set from its ends only through {@link #pop}
 * so the blocking pops can reuse it.
 */
public final class ZSetCommands {
    static final String NAN_SCORE = "ERR resulting score is not a number (NaN)";
    static final String XX_NX = "ERR XX and NX options at the same time are not compatible";
    static final String GT_LT_NX = "ERR GT, LT, and/or NX options at the same time are not compatible";
    static final String INCR_PAIR = "ERR INCR option supports a single increment-element pair";
    static final String NUMKEYS_POSITIVE = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";
    static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
    static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
    static final String LIMIT_NEEDS_BY = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    static final String WITHSCORES_BYLEX = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    static final String RANGE_LONG = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    static final String OUT_OF_RANGE = "ERR value is out of range";

    private enum RangeBy { AUTO, RANK, SCORE, LEX }

    public void register(CommandTable.Builder t) {
        t.add(write("zadd", -4, "1.2.0", "Add one or more members to a sorted set, or update its score if it already exists",
                "O(log(N)) for each item added, where N is the number of elements in the sorted set.", this::zadd,
                KeySpec.single(1, RW, UPDATE), DENYOOM, FAST)
                .args("key:key#0 condition:oneof@3.0.2?(NX XX) comparison:oneof@6.2.0?(GT LT) change=CH@3.0.2? "
                        + "increment=INCR@3.0.2? score_member:block*(score:double member:string)")
                .history("2.4.0", "Accepts multiple elements.")
                .history("3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options.")
                .history("6.2.0", "Added the `GT` and `LT` options."));
        t.add(write("zincrby", 4, "1.2.0", "Increment the score of a member in a sorted set",
                "O(log(N)) where N is the number of elements in the sorted set.", this::zincrby,
                KeySpec.single(1, RW, ACCESS, UPDATE), DENYOOM, FAST)
                .args("key:key#0 increment:integer member:string"));
        t.add(write("zrem", -3, "1.2.0", "Remove one or more members from a sorted set",
                "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.",
                this::zrem, KeySpec.single(1, RW, DELETE), FAST)
                .args("key:key#0 member:string*")
                .history("2.4.0", "Accepts multiple elements."));
        // RO without ACCESS, as Redis: a cardinality is metadata, so %W~ patterns allow ZCARD too
        t.add(CommandSpec.builder("zcard", 2).flags(READONLY, FAST).acl(AclCategory.SORTEDSET)
                .key(KeySpec.single(1, RO)).group("sorted-set").since("1.2.0")
                .summary("Get the number of members in a sorted set").complexity("O(1)").handler(this::zcard)
                .args("key:key#0"));
        t.add(read("zcount", 4, "2.0.0", "Count the members in a sorted set with scores within the given values",
                "O(log(N)) with N being the number of elements in the sorted set.", this::zcount, true)
                .args("key:key#0 min:double max:double"));
        t.add(read("zlexcount", 4, "2.8.9", "Count the number of members in a sorted set between a given lexicographical range",
                "O(log(N)) with N being the number of elements in the sorted set.", this::zlexcount, true)
                .args("key:key#0 min:string max:string"));
        t.add(read("zscore", 3, "1.2.0", "Get the score associated with the given member in a sorted set", "O(1)", this::zscore, true)
                .args("key:key#0 member:string"));
        t.add(read("zmscore", -3, "6.2.0", "Get the score associated with the given members in a sorted set",
                "O(N) where N is the number of members being requested.", this::zmscore, true)
                .args("key:key#0 member:string*"));
        t.add(read("zrank", 3, "2.0.0", "Determine the index of a member in a sorted set",
                "O(log(N))", ctx -> zrank(ctx, false), true)
                .args("key:key#0 member:string"));
        t.add(read("zrevrank", 3, "2.0.0", "Determine the index of a member in a sorted set, with scores ordered from high to low",
                "O(log(N))", ctx -> zrank(ctx, true), true)
                .args("key:key#0 member:string"));
        String rangeCost = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.";
        t.add(read("zrange", -4, "1.2.0", "Return a range of members in a sorted set", rangeCost,
                ctx -> zrange(ctx, RangeBy.AUTO, false, false), false)
                .args("key:key#0 start:string stop:string sortby:oneof@6.2.0?(BYSCORE BYLEX) REV@6.2.0? "
                        + "offset_count:block=LIMIT@6.2.0?(offset:integer count:integer) WITHSCORES?")
                .history("6.2.0", "Added the `REV`, `BYSCORE`, `BYLEX` and `LIMIT` options."));
        t.add(read("zrevrange", -4, "1.2.0", "Return a range of members in a sorted set, by index, with scores ordered from high to low", rangeCost,
                ctx -> zrange(ctx, RangeBy.RANK, true, false), false)
                .args("key:key#0 start:integer stop:integer WITHSCORES?")
                .deprecated("6.2.0", "`ZRANGE` with the `REV` argument"));
        t.add(read("zrangebyscore", -4, "1.0.5", "Return a range of members in a sorted set, by score", rangeCost,
                ctx -> zrange(ctx, RangeBy.SCORE, false, false), false)
                .args("key:key#0 min:double max:double WITHSCORES@2.0.0? "
                        + "offset_count:block=LIMIT?(offset:integer count:integer)")
                .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).")
                .history("2.0.0", "Added the `WITHSCORES` modifier.")
                .deprecated("6.2.0", "`ZRANGE` with the `BYSCORE` argument"));
        t.add(read("zrevrangebyscore", -4, "2.2.0", "Return a range of members in a sorted set, by score, with scores ordered from high to low", rangeCost,
                ctx -> zrange(ctx, RangeBy.SCORE, true, false), false)
                .args("key:key#0 max:double min:double WITHSCORES? offset_count:block=LIMIT?(offset:integer "
                        + "count:integer)")
                .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).")
                .history("2.1.6", "`min` and `max` can be exclusive.")
                .deprecated("6.2.0", "`ZRANGE` with the `REV` and `BYSCORE` arguments"));
        t.add(read("zrangebylex", -4, "2.8.9", "Return a range of members in a sorted set, by lexicographical range", rangeCost,
                ctx -> zrange(ctx, RangeBy.LEX, false, false), false)
                .args("key:key#0 min:string max:string offset_count:block=LIMIT?(offset:integer count:integer)")
                .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).")
                .deprecated("6.2.0", "`ZRANGE` with the `BYLEX` argument"));
        t.add(read("zrevrangebylex", -4, "2.8.9", "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", rangeCost,
                ctx -> zrange(ctx, RangeBy.LEX, true, false), false)
                .args("key:key#0 max:string min:string offset_count:block=LIMIT?(offset:integer count:integer)")
                .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).")
                .deprecated("6.2.0", "`ZRANGE` with the `REV` and `BYLEX` arguments"));
        t.add(CommandSpec.builder("zrangestore", -5).flags(WRITE, DENYOOM).acl(AclCategory.SORTEDSET)
                .args("dst:key#0 src:key#1 min:string max:string sortby:oneof?(BYSCORE BYLEX) REV? "
                        + "offset_count:block=LIMIT?(offset:integer count:integer)")
                .key(KeySpec.single(1, OW, UPDATE)).key(KeySpec.single(2, RO, ACCESS))
                .group("sorted-set").since("6.2.0").summary("Store a range of members from sorted set into another key")
                .complexity("O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.")
                .handler(ctx -> zrange(ctx, RangeBy.AUTO, false, true)));
        String removeCost = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.";
        t.add(write("zremrangebyrank", 4, "2.0.0", "Remove all members in a sorted set within the given indexes",
                removeCost, ctx -> zremrange(ctx, RangeBy.RANK), KeySpec.single(1, RW, DELETE))
                .args("key:key#0 start:integer stop:integer"));
        t.add(write("zremrangebyscore", 4, "1.2.0", "Remove all members in a sorted set within the given scores",
                removeCost, ctx -> zremrange(ctx, RangeBy.SCORE), KeySpec.single(1, RW, DELETE))
                .args("key:key#0 min:double max:double"));
        t.add(write("zremrangebylex", 4, "2.8.9", "Remove all members in a sorted set between the given lexicographical range",
                removeCost, ctx -> zremrange(ctx, RangeBy.LEX), KeySpec.single(1, RW, DELETE))
                .args("key:key#0 min:string max:string"));
        String popCost = "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.";
        t.add(write("zpopmin", -2, "5.0.0", "Remove and return members with the lowest scores in a sorted set",
                popCost, ctx -> zpop(ctx, true), KeySpec.single(1, RW, ACCESS, DELETE), FAST)
                .args("key:key#0 count:integer?"));
        t.add(write("zpopmax", -2, "5.0.0", "Remove and return members with the highest scores in a sorted set",
                popCost, ctx -> zpop(ctx, false), KeySpec.single(1, RW, ACCESS, DELETE), FAST)
                .args("key:key#0 count:integer?"));
        t.add(CommandSpec.builder("zmpop", -4).flags(WRITE, MOVABLEKEYS).acl(AclCategory.SORTEDSET)
                .args("numkeys:integer key:key#0* where:oneof(MIN MAX) count:integer=COUNT?")
                .key(KeySpec.keynum(1, 0, 1, 1, RW, ACCESS, DELETE))
                .group("sorted-set").since("7.0.0")
                .summary("Remove and return members with scores in a sorted set")
                .complexity("O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.")
                .handler(this::zmpop));
        for (ZSetAlgebra.Op op : ZSetAlgebra.Op.values()) {
            String name = "z" + op.name().toLowerCase(java.util.Locale.ROOT);
            t.add(CommandSpec.builder(name, -3).flags(READONLY, MOVABLEKEYS).acl(AclCategory.SORTEDSET)
                    .key(KeySpec.keynum(1, 0, 1, 1, RO, ACCESS))
                    .group("sorted-set").since("6.2.0").summary(setOpSummary(op, false))
                    .complexity(setOpComplexity(op, false)).args(setOpArgs(op, false))
                    .handler(ctx -> setOp(ctx, op, false)));
            t.add(CommandSpec.builder(name + "store", -4).flags(WRITE, DENYOOM, MOVABLEKEYS).acl(AclCategory.SORTEDSET)
                    .key(KeySpec.single(1, OW, UPDATE)).key(KeySpec.keynum(2, 0, 1, 1, RO, ACCESS))
                    .group("sorted-set").since(op == ZSetAlgebra.Op.DIFF ? "6.2.0" : "2.0.0").summary(setOpSummary(op, true))
                    .complexity(setOpComplexity(op, true)).args(setOpArgs(op, true))
                    .handler(ctx -> setOp(ctx, op, true)));
        }
        t.add(CommandSpec.builder("zintercard", -3).flags(READONLY, MOVABLEKEYS).acl(AclCategory.SORTEDSET)
                .args("numkeys:integer key:key#0* limit:integer=LIMIT?")
                .key(KeySpec.keynum(1, 0, 1, 1, RO, ACCESS))
                .group("sorted-set").since("7.0.0").summary("Intersect multiple sorted sets and return the cardinality of the result")
                .complexity("O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.")
                .handler(this::zintercard));
        t.add(read("zrandmember", -2, "6.2.0", "Get one or multiple random elements from a sorted set",
                "O(N) where N is the number of elements returned", this::zrandmember, false)
                .tips("nondeterministic_output").args("key:key#0 options:block?(count:integer WITHSCORES?)"));
        t.add(read("zscan", -3, "2.8.0", "Incrementally iterate sorted sets elements and associated scores",
                "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..",
                this::zscan, false)
                .tips("nondeterministic_output").args("key:key#0 cursor:integer pattern:pattern=MATCH? count:integer=COUNT?"));
    }

    private static String setOpSummary(ZSetAlgebra.Op op, boolean store) {
        String what = switch (op) {
            case UNION -> "Add multiple sorted sets";
            case INTER -> "Intersect multiple sorted sets";
            case DIFF -> "Subtract multiple sorted sets";
        };
        return store ? what + " and store the resulting sorted set in a new key" : what;
    }

    private static String setOpComplexity(ZSetAlgebra.Op op, boolean store) {
        return switch (op) {
            case UNION -> store
                    ? "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set."
                    : "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.";
            case INTER -> "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.";
            case DIFF -> "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.";
        };
    }

    /** ZUNION, ZINTER and ZDIFF share their arguments, but ZDIFF has no weights, and only the STORE forms a destination. */
    private static String setOpArgs(ZSetAlgebra.Op op, boolean store) {
        String keys = store ? "destination:key#0 numkeys:integer key:key#1*" : "numkeys:integer key:key#0*";
        String weights = op == ZSetAlgebra.Op.DIFF ? "" : " weight:integer=WEIGHTS?* aggregate:oneof=AGGREGATE?(SUM MIN MAX)";
        return keys + weights + (store ? "" : " WITHSCORES?");
    }

    private static CommandSpec.Builder write(String name, int arity, String since, String summary,
                              String complexity, io.redoubt.engine.command.CommandHandler handler, KeySpec key,
                              CommandFlag... extra) {
        CommandFlag[] flags = Arrays.copyOf(new CommandFlag[] {WRITE}, 1 + extra.length);
        System.arraycopy(extra, 0, flags, 1, extra.length);
        return CommandSpec.builder(name, arity).flags(flags).acl(AclCategory.SORTEDSET).key(key)
                .group("sorted-set").since(since).summary(summary).complexity(complexity).handler(handler);
    }

    private static CommandSpec.Builder read(String name, int arity, String since, String summary,
                             String complexity, io.redoubt.engine.command.CommandHandler handler, boolean fast) {
        CommandFlag[] flags = fast ? new CommandFlag[] {READONLY, FAST} : new CommandFlag[] {READONLY};
        return CommandSpec.builder(name, arity).flags(flags).acl(AclCategory.SORTEDSET)
                .key(KeySpec.single(1, RO, ACCESS))
                .group("sorted-set").since(since).summary(summary).complexity(complexity).handler(handler);
    }

    // ---- lookups and shared steps ---------------------------------------------------------------------

    static SortedSetValue readZSet(CommandContext ctx, byte[] key) {
        return TypedLookup.read(ctx, key, SortedSetValue.class);
    }

    static Entry writeEntry(CommandContext ctx, byte[] key) {
        return TypedLookup.write(ctx.db(), key, SortedSetValue.class);
    }

    /** Accounts a change made in place and deletes the key once its set is empty. */
    private static void changed(Keyspace db, Entry e, long bytesBefore) {
        SortedSetValue z = (SortedSetValue) e.value();
        db.modified(e, z.estimatedBytes() - bytesBefore);
        if (z.size() == 0) {
            db.delete(e.key());
        }
    }

    /**
     * Redis's event pair after a removal: {@code event}, then {@code del} when the removal emptied
     * the set held by {@code e} (which {@link #changed} has already deleted).
     */
    private static void notifyRemoved(Keyspace db, Entry e, String event) {
        db.notify(EventClass.ZSET, event, e.key());
        if (((SortedSetValue) e.value()).size() == 0) {
            db.notify(EventClass.GENERIC, "del", e.key());
        }
    }

    /**
     * Removes up to {@code count} lowest ({@code min}) or highest members of the set held by
     * {@code e}, deleting the key once empty. Blocking pops reuse this.
     */
    public static ScoredList pop(Keyspace db, Entry e, long count, boolean min) {
        SortedSetValue z = (SortedSetValue) e.value();
        int n = (int) Math.min(count, z.size());
        ScoredList out = new ScoredList();
        z.store().visit(min ? 0 : z.size() - 1, n, !min, out::add);
        long before = z.estimatedBytes();
        long mark = db.changeMark();
        for (int i = 0; i < n; i++) {
            z.remove(out.member(i));
        }
        changed(db, e, before);
        db.countChangesSince(mark, n);
        return out;
    }

    // ---- ZADD / ZINCRBY -----------------------------------------------------------------------------

    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;
    private static final int CH = 16;
    private static final int INCR = 32;

    private void zadd(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        int flags = 0;
        int i = 2;
        for (; i < argv.length; i++) {
            byte[] a = argv[i];
            if (Args.is(a, "NX")) {
                flags |= NX;
            } else if (Args.is(a, "XX")) {
                flags |= XX;
            } else if (Args.is(a, "GT")) {
                flags |= GT;
            } else if (Args.is(a, "LT")) {
                flags |= LT;
            } else if (Args.is(a, "CH")) {
                flags |= CH;
            } else if (Args.is(a, "INCR")) {
                flags |= INCR;
            } else {
                break;
            }
        }
        zaddGeneric(ctx, i, flags);
    }

    private void zincrby(CommandContext ctx) {
        zaddGeneric(ctx, 2, INCR);
    }

    private void zaddGeneric(CommandContext ctx, int scoreIdx, int flags) {
        byte[][] argv = ctx.argv();
        int elements = argv.length - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            throw new CommandException(Errors.SYNTAX);
        }
        elements /= 2;
        boolean nx = (flags & NX) != 0;
        boolean xx = (flags & XX) != 0;
        boolean gt = (flags & GT) != 0;
        boolean lt = (flags & LT) != 0;
        boolean incr = (flags & INCR) != 0;
        if (nx && xx) {
            throw new CommandException(XX_NX);
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException(GT_LT_NX);
        }
        if (incr && elements > 1) {
            throw new CommandException(INCR_PAIR);
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = Scores.parse(argv[scoreIdx + 2 * j]);
        }
        Keyspace db = ctx.db();
        byte[] key = argv[1];
        Entry e = writeEntry(ctx, key);
        long mark = db.changeMark();
        EncodingLimits limits = ctx.shard().encodingLimits();
        long added = 0;
        long updated = 0;
        boolean processed = false;
        double lastScore = 0;
        if (e == null && xx) {
            replyZadd(ctx, incr, false, 0, 0, 0, flags);
            return;
        }
        SortedSetValue z;
        long before;
        if (e == null) {
            z = SortedSetValue.forFirstMember(limits, argv[scoreIdx + 1]);
            before = 0;
        } else {
            z = (SortedSetValue) e.value();
            before = z.estimatedBytes();
        }
        try {
            for (int j = 0; j < elements; j++) {
                byte[] member = argv[scoreIdx + 2 * j + 1];
                double score = scores[j];
                double current = z.score(member);
                if (!Double.isNaN(current)) {
                    if (nx) {
                        continue;
                    }
                    if (incr) {
                        score += current;
                        if (Double.isNaN(score)) {
                            throw new CommandException(NAN_SCORE);
                        }
                    }
                    if ((lt && score >= current) || (gt && score <= current)) {
                        continue;
                    }
                    processed = true;
                    lastScore = score;
                    if (score != current) {
                        z.update(member, current, score);
                        updated++;
                    }
                } else if (!xx) {
                    z.insert(member, score, limits);
                    added++;
                    processed = true;
                    lastScore = score;
                }
            }
        } finally {
            if (e == null) {
                if (z.size() > 0) {
                    db.add(key, z);
                }
            } else if (added + updated > 0) {
                db.modified(e, z.estimatedBytes() - before);
            }
        }
        db.countChangesSince(mark, added + updated);
        replyZadd(ctx, incr, processed, lastScore, added, updated, flags);
        // After the reply, as in Redis. (Only INCR can fail inside the loop, and then nothing changed.)
        if (added + updated > 0) {
            db.notify(EventClass.ZSET, incr ? "zincr" : "zadd", key);
        }
    }

    private static void replyZadd(CommandContext ctx, boolean incr, boolean processed, double score,
                                  long added, long updated, int flags) {
        if (incr) {
            if (processed) {
                ctx.reply().doubleValue(score);
            } else {
                ctx.reply().nullBulk();
            }
        } else {
            ctx.reply().integer((flags & CH) != 0 ? added + updated : added);
        }
    }

    // ---- simple reads and removal ---------------------------------------------------------------------

    private void zrem(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        long before = z.estimatedBytes();
        long removed = 0;
        for (int i = 2; i < argv.length && z.size() > 0; i++) {
            if (z.remove(argv[i])) {
                removed++;
            }
        }
        if (removed > 0) {
            long mark = ctx.db().changeMark();
            changed(ctx.db(), e, before);
            ctx.db().countChangesSince(mark, removed);
            notifyRemoved(ctx.db(), e, "zrem");
        }
        ctx.reply().integer(removed);
    }

    private void zcard(CommandContext ctx) {
        SortedSetValue z = readZSet(ctx, ctx.argv()[1]);
        ctx.reply().integer(z == null ? 0 : z.size());
    }

    private void zcount(CommandContext ctx) {
        ScoreRange range = ScoreRange.parse(ctx.argv()[2], ctx.argv()[3]);
        SortedSetValue z = readZSet(ctx, ctx.argv()[1]);
        ctx.reply().integer(z == null ? 0 : Math.max(0, range.end(z.store()) - range.first(z.store())));
    }

    private void zlexcount(CommandContext ctx) {
        LexRange range = LexRange.parse(ctx.argv()[2], ctx.argv()[3]);
        SortedSetValue z = readZSet(ctx, ctx.argv()[1]);
        ctx.reply().integer(z == null ? 0 : Math.max(0, range.end(z.store()) - range.first(z.store())));
    }

    private void zscore(CommandContext ctx) {
        SortedSetValue z = readZSet(ctx, ctx.argv()[1]);
        double s = z == null ? Double.NaN : z.score(ctx.argv()[2]);
        if (Double.isNaN(s)) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().doubleValue(s);
        }
    }

    private void zmscore(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        SortedSetValue z = readZSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        r.array(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            double s = z == null ? Double.NaN : z.score(argv[i]);
            if (Double.isNaN(s)) {
                r.nullBulk();
            } else {
                r.doubleValue(s);
            }
        }
    }

    private void zrank(CommandContext ctx, boolean reverse) {
        SortedSetValue z = readZSet(ctx, ctx.argv()[1]);
        long rank = z == null ? -1 : z.rank(ctx.argv()[2]);
        if (rank < 0) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().integer(reverse ? z.size() - 1 - rank : rank);
        }
    }

    // ---- ranges -------------------------------------------------------------------------------------

    /**
     * Every ZRANGE flavour: {@code by} and {@code reverse} are fixed by the legacy commands and
     * chosen by options for ZRANGE and ZRANGESTORE.
     */
    private void zrange(CommandContext ctx, RangeBy by, boolean reverse, boolean store) {
        byte[][] argv = ctx.argv();
        int first = store ? 2 : 1;
        boolean fixedDirection = reverse || by != RangeBy.AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = first + 3; j < argv.length; j++) {
            int left = argv.length - j - 1;
            if (!store && Args.is(argv[j], "WITHSCORES")) {
                withScores = true;
            } else if (Args.is(argv[j], "LIMIT") && left >= 2) {
                offset = Args.parseLong(argv[j + 1]);
                limit = Args.parseLong(argv[j + 2]);
                j += 2;
            } else if (!fixedDirection && !reverse && Args.is(argv[j], "REV")) {
                reverse = true;
            } else if (by == RangeBy.AUTO && Args.is(argv[j], "BYLEX")) {
                by = RangeBy.LEX;
            } else if (by == RangeBy.AUTO && Args.is(argv[j], "BYSCORE")) {
                by = RangeBy.SCORE;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (by == RangeBy.AUTO) {
            by = RangeBy.RANK;
        }
        if (limit != -1 && by == RangeBy.RANK) {
            throw new CommandException(LIMIT_NEEDS_BY);
        }
        if (withScores && by == RangeBy.LEX) {
            throw new CommandException(WITHSCORES_BYLEX);
        }
        byte[] minArg = argv[first + 1];
        byte[] maxArg = argv[first + 2];
        if (reverse && by != RangeBy.RANK) {
            byte[] tmp = minArg;
            minArg = maxArg;
            maxArg = tmp;
        }
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (by) {
            case SCORE -> scores = ScoreRange.parse(minArg, maxArg);
            case LEX -> lex = LexRange.parse(minArg, maxArg);
            default -> {
                start = Args.parseLong(minArg);
                end = Args.parseLong(maxArg);
            }
        }
        SortedSetValue z = readZSet(ctx, argv[first]);
        ScoredList out = new ScoredList();
        if (z != null) {
            ZSetStore s = z.store();
            int size = s.size();
            if (by == RangeBy.RANK) {
                ElementRange window = ElementRange.of(start, end, size);
                if (!window.isEmpty()) {
                    int lo = window.from();
                    s.visit(reverse ? size - 1 - lo : lo, window.length(), reverse, out::add);
                }
            } else {
                int lo = by == RangeBy.SCORE ? scores.first(s) : reverse ? lex.firstFromTail(s) : lex.first(s);
                int hi = by == RangeBy.SCORE ? scores.end(s) : reverse ? lex.endFromTail(s) : lex.end(s);
                visitWindow(s, lo, hi, offset, limit, reverse, out);
            }
        }
        if (store) {
            storeRange(ctx, argv[1], out);
        } else {
            out.reply(ctx.reply(), withScores);
        }
    }

    /** Visits ranks {@code [lo, hi)} after skipping {@code offset}, at most {@code limit} (< 0: all). */
    private static void visitWindow(ZSetStore s, int lo, int hi, long offset, long limit, boolean reverse,
                                    ScoredList out) {
        if (hi <= lo || offset < 0) {
            return;
        }
        long available = hi - lo - offset;
        if (available <= 0) {
            return;
        }
        long n = limit < 0 ? available : Math.min(limit, available);
        if (n == 0) {
            return;
        }
        int start = reverse ? (int) (hi - 1 - offset) : (int) (lo + offset);
        s.visit(start, (int) n, reverse, out::add);
    }

    /** Stores ZRANGESTORE's result; as in Redis the reply comes before the notification. */
    private static void storeRange(CommandContext ctx, byte[] dst, ScoredList out) {
        Keyspace db = ctx.db();
        if (out.size() == 0) {
            boolean deleted = db.delete(dst);
            ctx.reply().integer(0);
            if (deleted) {
                db.notify(EventClass.GENERIC, "del", dst);
            }
            return;
        }
        EncodingLimits limits = ctx.shard().encodingLimits();
        SortedSetValue z = out.size() > limits.zsetMaxListpackEntries() ? SortedSetValue.emptySkiplist() : SortedSetValue.empty();
        for (int i = 0; i < out.size(); i++) {
            z.insert(out.member(i), out.score(i), limits);
        }
        db.put(dst, z);
        ctx.reply().integer(out.size());
        db.notify(EventClass.ZSET, "zrangestore", dst);
    }

    private void zremrange(CommandContext ctx, RangeBy by) {
        byte[][] argv = ctx.argv();
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (by) {
            case SCORE -> scores = ScoreRange.parse(argv[2], argv[3]);
            case LEX -> lex = LexRange.parse(argv[2], argv[3]);
            default -> {
                start = Args.parseLong(argv[2]);
                end = Args.parseLong(argv[3]);
            }
        }
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        SortedSetValue z = (SortedSetValue) e.value();
        ZSetStore s = z.store();
        int size = s.size();
        int lo;
        int hi;
        if (by == RangeBy.RANK) {
            ElementRange window = ElementRange.of(start, end, size);
            lo = window.from();
            hi = window.to();
        } else {
            lo = by == RangeBy.SCORE ? scores.first(s) : lex.first(s);
            hi = by == RangeBy.SCORE ? scores.end(s) : lex.end(s);
        }
        if (hi <= lo) {
            ctx.reply().integer(0);
            return;
        }
        ScoredList doomed = new ScoredList();
        s.visit(lo, hi - lo, false, doomed::add);
        long before = z.estimatedBytes();
        long mark = ctx.db().changeMark();
        for (int i = 0; i < doomed.size(); i++) {
            z.remove(doomed.member(i));
        }
        changed(ctx.db(), e, before);
        ctx.db().countChangesSince(mark, doomed.size());
        notifyRemoved(ctx.db(), e, switch (by) {
            case SCORE -> "zremrangebyscore";
            case LEX -> "zremrangebylex";
            default -> "zremrangebyrank";
        });
        ctx.reply().integer(doomed.size());
    }

    // ---- pops ---------------------------------------------------------------------------------------

    private void zpop(CommandContext ctx, boolean min) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw new CommandException(Errors.SYNTAX);
        }
        long count = -1;
        if (argv.length == 3) {
            count = Args.parseLong(argv[2], Errors.OUT_OF_RANGE_POSITIVE);
            if (count < 0) {
                throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
            }
        }
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null || count == 0) {
            ctx.reply().array(0);
            return;
        }
        ScoredList out = pop(ctx.db(), e, count < 0 ? 1 : count, min);
        // RESP3 nests pairs only when a count was given
        replyPopped(ctx.db(), e, ctx.reply(), out, count >= 0 && ctx.reply().protocol() == 3, min);
    }

    private void zmpop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long numkeys = Args.parseLong(argv[1], NUMKEYS_POSITIVE);
        if (numkeys <= 0) {
            throw new CommandException(NUMKEYS_POSITIVE);
        }
        long whereIdx = numkeys + 2;
        if (numkeys >= argv.length || whereIdx >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        boolean min;
        if (Args.is(argv[(int) whereIdx], "MIN")) {
            min = true;
        } else if (Args.is(argv[(int) whereIdx], "MAX")) {
            min = false;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        long count = -1;
        for (int i = (int) whereIdx + 1; i < argv.length; i++) {
            if (Args.is(argv[i], "COUNT") && i + 1 < argv.length && count < 0) {
                count = Args.parseLong(argv[++i], COUNT_POSITIVE);
                if (count <= 0) {
                    throw new CommandException(COUNT_POSITIVE);
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        for (int k = 2; k < whereIdx; k++) {
            Entry e = writeEntry(ctx, argv[k]);
            if (e == null) {
                continue;
            }
            ScoredList out = pop(ctx.db(), e, count < 0 ? 1 : count, min);
            ReplySink r = ctx.reply();
            r.array(2);
            r.bulk(argv[k]);
            replyPopped(ctx.db(), e, r, out, true, min);
            return;
        }
        ctx.reply().nullArray();
    }

    /**
     * A pop's elements with scores, interleaved with its notifications as Redis writes them: the array
     * header, the pop event, the elements, then {@code del} when the set was emptied. A RESP3 client
     * subscribed to its own keyspace events sees exactly Redis's bytes.
     */
    /** The pop event, then {@code del} when the set was emptied (served blocking pops). */
    static void notifyPopped(Keyspace db, Entry e, boolean min) {
        db.notify(EventClass.ZSET, min ? "zpopmin" : "zpopmax", e.key());
        if (((SortedSetValue) e.value()).size() == 0) {
            db.notify(EventClass.GENERIC, "del", e.key());
        }
    }

    private static void replyPopped(Keyspace db, Entry e, ReplySink r, ScoredList out, boolean pairs, boolean min) {
        r.array(pairs ? out.size() : out.size() * 2);
        db.notify(EventClass.ZSET, min ? "zpopmin" : "zpopmax", e.key());
        for (int i = 0; i < out.size(); i++) {
            if (pairs) {
                r.array(2);
            }
            r.bulk(out.member(i));
            r.doubleValue(out.score(i));
        }
        if (((SortedSetValue) e.value()).size() == 0) {
            db.notify(EventClass.GENERIC, "del", e.key());
        }
    }

    // ---- set operations -----------------------------------------------------------------------------

    private void setOp(CommandContext ctx, ZSetAlgebra.Op op, boolean store) {
        byte[][] argv = ctx.argv();
        int numkeysIdx = store ? 2 : 1;
        long numkeys = Args.parseLong(argv[numkeysIdx]);
        if (numkeys < 1) {
            throw new CommandException("ERR at least 1 input key is needed for '" + ctx.spec().fullName() + "' command");
        }
        if (numkeys > argv.length - (numkeysIdx + 1)) {
            throw new CommandException(Errors.SYNTAX);
        }
        int n = (int) numkeys;
        ScoredList[] inputs = new ScoredList[n];
        int j = numkeysIdx + 1;
        for (int i = 0; i < n; i++, j++) {
            inputs[i] = readInput(ctx, argv[j]);
        }
        double[] weights = new double[n];
        Arrays.fill(weights, 1.0);
        ZSetAlgebra.Aggregate aggregate = ZSetAlgebra.Aggregate.SUM;
        boolean withScores = false;
        while (j < argv.length) {
            int remaining = argv.length - j;
            if (op != ZSetAlgebra.Op.DIFF && remaining >= n + 1 && Args.is(argv[j], "WEIGHTS")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    weights[i] = Scores.parse(argv[j], WEIGHT_NOT_FLOAT);
                }
            } else if (op != ZSetAlgebra.Op.DIFF && remaining >= 2 && Args.is(argv[j], "AGGREGATE")) {
                byte[] a = argv[j + 1];
                if (Args.is(a, "SUM")) {
                    aggregate = ZSetAlgebra.Aggregate.SUM;
                } else if (Args.is(a, "MIN")) {
                    aggregate = ZSetAlgebra.Aggregate.MIN;
                } else if (Args.is(a, "MAX")) {
                    aggregate = ZSetAlgebra.Aggregate.MAX;
                } else {
                    throw new CommandException(Errors.SYNTAX);
                }
                j += 2;
            } else if (!store && Args.is(argv[j], "WITHSCORES")) {
                withScores = true;
                j++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        List<ZSetAlgebra.Source> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(new ZSetAlgebra.Source(inputs[i], weights[i]));
        }
        ScoredList sorted = ZSetAlgebra.compute(op, sources, aggregate);
        if (store) {
            Keyspace db = ctx.db();
            // as in Redis the reply comes before the notification
            if (sorted.size() == 0) {
                boolean deleted = db.delete(argv[1]);
                ctx.reply().integer(0);
                if (deleted) {
                    db.notify(EventClass.GENERIC, "del", argv[1]);
                }
                return;
            }
            EncodingLimits limits = ctx.shard().encodingLimits();
            SortedSetValue z = SortedSetValue.emptySkiplist();
            for (int i = 0; i < sorted.size(); i++) {
                z.insert(sorted.member(i), sorted.score(i), limits);
            }
            z.compactIfSmall(limits);
            db.put(argv[1], z);
            ctx.reply().integer(sorted.size());
            db.notify(EventClass.ZSET, switch (op) {
                case UNION -> "zunionstore";
                case INTER -> "zinterstore";
                case DIFF -> "zdiffstore";
            }, argv[1]);
        } else {
            sorted.reply(ctx.reply(), withScores);
        }
    }

    /** The elements of a sorted set, or of a plain set with score 1; empty when absent. */
    private static ScoredList readInput(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        ScoredList out = new ScoredList();
        if (e == null) {
            return out;
        }
        if (e.value() instanceof SortedSetValue z) {
            z.store().visit(0, z.size(), false, out::add);
        } else if (e.value() instanceof SortableValue v && v.type() == ValueType.SET) {
            for (byte[] m : v.sortElements()) {
                out.add(m, 1.0);
            }
        } else {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return out;
    }

    private void zintercard(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long numkeys = Args.parseLong(argv[1]);
        if (numkeys < 1) {
            throw new CommandException("ERR at least 1 input key is needed for 'zintercard' command");
        }
        if (numkeys > argv.length - 2) {
            throw new CommandException(Errors.SYNTAX);
        }
        int n = (int) numkeys;
        List<ZSetAlgebra.Source> sources = new ArrayList<>(n);
        int j = 2;
        for (int i = 0; i < n; i++, j++) {
            sources.add(new ZSetAlgebra.Source(readInput(ctx, argv[j]), 1.0));
        }
        long limit = 0;
        while (j < argv.length) {
            if (argv.length - j >= 2 && Args.is(argv[j], "LIMIT")) {
                limit = Args.parseLong(argv[j + 1], LIMIT_NEGATIVE);
                if (limit < 0) {
                    throw new CommandException(LIMIT_NEGATIVE);
                }
                j += 2;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        long count = ZSetAlgebra.compute(ZSetAlgebra.Op.INTER, sources, ZSetAlgebra.Aggregate.SUM).size();
        ctx.reply().integer(limit > 0 ? Math.min(limit, count) : count);
    }

    // ---- random and scan ----------------------------------------------------------------------------

    private void zrandmember(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        RandomGenerator random = ctx.shard().random();
        if (argv.length == 2) {
            SortedSetValue z = readZSet(ctx, argv[1]);
            if (z == null) {
                ctx.reply().nullBulk();
                return;
            }
            ScoredList one = new ScoredList();
            z.store().visit(random.nextInt(z.size()), 1, false, one::add);
            ctx.reply().bulk(one.member(0));
            return;
        }
        long l = Args.parseLong(argv[2]);
        if (l == Long.MIN_VALUE) {
            throw new CommandException(RANGE_LONG);
        }
        boolean withScores = false;
        if (argv.length > 4 || (argv.length == 4 && !Args.is(argv[3], "WITHSCORES"))) {
            throw new CommandException(Errors.SYNTAX);
        } else if (argv.length == 4) {
            withScores = true;
            if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
                throw new CommandException(OUT_OF_RANGE);
            }
        }
        SortedSetValue z = readZSet(ctx, argv[1]);
        if (z == null || l == 0) {
            ctx.reply().array(0);
            return;
        }
        ZSetStore s = z.store();
        int size = s.size();
        ScoredList out = new ScoredList();
        if (l < 0) {
            // with repetition: each pick is independent; the reply streams so no client count pre-sizes
            long count = -l;
            ReplySink r = ctx.reply();
            boolean scores = withScores;
            boolean pairs = withScores && r.protocol() == 3;
            r.array((int) Math.min(Integer.MAX_VALUE, withScores && !pairs ? count * 2 : count));
            for (long k = 0; k < count; k++) {
                int idx = random.nextInt(size);
                s.visit(idx, 1, false, (m, sc) -> {
                    if (pairs) {
                        r.array(2);
                    }
                    r.bulk(m);
                    if (scores) {
                        r.doubleValue(sc);
                    }
                });
            }
            return;
        }
        if (l >= size) {
            // the whole set, walked from the highest rank down as Redis's set-operation iterator does
            s.visit(size - 1, size, true, out::add);
        } else {
            // distinct picks: a partial Fisher-Yates shuffle over the ranks
            int[] ranks = new int[size];
            for (int i = 0; i < size; i++) {
                ranks[i] = i;
            }
            for (int i = 0; i < l; i++) {
                int k = i + random.nextInt(size - i);
                int tmp = ranks[i];
                ranks[i] = ranks[k];
                ranks[k] = tmp;
                s.visit(ranks[i], 1, false, out::add);
            }
        }
        out.reply(ctx.reply(), withScores);
    }

    private void zscan(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long cursor = ScanRequest.parseCursor(argv[2]);
        SortedSetValue z = readZSet(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (z == null) {
            r.array(2);
            r.bulk("0");
            r.array(0);
            return;
        }
        ScanRequest request = ScanRequest.parse(argv, 3);
        ScoredList out = new ScoredList();
        long next = z.scan(cursor, (int) Math.min(request.count(), Integer.MAX_VALUE), (m, s) -> {
            if (request.matches(m)) {
                out.add(m, s);
            }
        });
        r.array(2);
        r.bulk(Long.toUnsignedString(next));
        r.array(out.size() * 2);
        for (int i = 0; i < out.size(); i++) {
            r.bulk(out.member(i));
            r.bulk(DoubleFormat.g17(out.score(i)).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
