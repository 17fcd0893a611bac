package io.redoubt.engine.strings;

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
import static io.redoubt.engine.command.KeySpec.Flag.VARIABLE_FLAGS;

import io.redoubt.engine.command.AclCategory;
import io.redoubt.engine.command.Args;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.command.LongDouble;
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import java.util.EnumSet;
import io.redoubt.resp.ReplySink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The string family of Redis 7.0: GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX APPEND
 * STRLEN GETRANGE SUBSTR SETRANGE INCR DECR INCRBY DECRBY INCRBYFLOAT LCS, with Redis's argument
 * checks in Redis's order. Strings are plain {@code byte[]}; a string changed in place is marked raw
 * (see {@link StringEncoding}).
 */
public final class StringCommands {
    /** Redis's default proto-max-bulk-len, the largest string APPEND and SETRANGE may build. */
    public static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    private static final String GROUP = "string";
    private static final byte[] EMPTY = new byte[0];

    public void register(CommandTable.Builder t) {
        t.add(spec("get", 2, "1.0.0", "Get the value of a key", "O(1)", RO, ACCESS)
                .args("key:key#0")
                .flags(READONLY, FAST).handler(this::get));
        t.add(CommandSpec.builder("set", -3).flags(WRITE, DENYOOM).acl(AclCategory.STRING)
                .args("key:key#0 value:string condition:oneof@2.6.12?(NX XX) GET@6.2.0? "
                        + "expiration:oneof?(seconds:integer=EX@2.6.12 milliseconds:integer=PX@2.6.12 "
                        + "unix-time-seconds:unix-time=EXAT@6.2.0 unix-time-milliseconds:unix-time=PXAT@6.2.0 "
                        + "KEEPTTL@6.0.0)")
                .key(KeySpec.single(1, RW, ACCESS, UPDATE, VARIABLE_FLAGS)
                        .notes("RW and ACCESS due to the optional `GET` argument")
                        .variableFlags(argv -> hasGetOption(argv) ? EnumSet.of(RW, ACCESS, UPDATE) : EnumSet.of(OW, UPDATE)))
                .group("string").since("1.0.0")
                .summary("Set the string value of a key")
                .history("2.6.12", "Added the `EX`, `PX`, `NX` and `XX` options.")
                .history("6.0.0", "Added the `KEEPTTL` option.")
                .history("6.2.0", "Added the `GET`, `EXAT` and `PXAT` option.")
                .history("7.0.0", "Allowed the `NX` and `GET` options to be used together.")
                .complexity("O(1)")
                .handler(this::set)
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(spec("setnx", 3, "1.0.0", "Set the value of a key, only if the key does not exist", "O(1)", OW, INSERT)
                .args("key:key#0 value:string")
                .flags(WRITE, DENYOOM, FAST).handler(this::setnx));
        t.add(spec("setex", 4, "2.0.0", "Set the value and expiration of a key", "O(1)", OW, UPDATE)
                .args("key:key#0 seconds:integer value:string")
                .flags(WRITE, DENYOOM).handler(this::setex)
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(spec("psetex", 4, "2.6.0", "Set the value and expiration in milliseconds of a key", "O(1)", OW, UPDATE)
                .args("key:key#0 milliseconds:integer value:string")
                .flags(WRITE, DENYOOM).handler(this::setex)
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(spec("getset", 3, "1.0.0", "Set the string value of a key and return its old value", "O(1)",
                RW, ACCESS, UPDATE).flags(WRITE, DENYOOM, FAST).handler(this::getset)
                .args("key:key#0 value:string")
                .deprecated("6.2.0", "`SET` with the `!GET` argument"));
        t.add(spec("getdel", 2, "6.2.0", "Get the value of a key and delete the key", "O(1)", RW, ACCESS, DELETE)
                .args("key:key#0")
                .flags(WRITE, FAST).handler(this::getdel));
        t.add(CommandSpec.builder("getex", -2).acl(AclCategory.STRING)
                .key(KeySpec.single(1, RW, ACCESS, UPDATE).notes("RW and UPDATE because it changes the TTL"))
                .group(GROUP).since("6.2.0").summary("Get the value of a key and optionally set its expiration")
                .complexity("O(1)").flags(WRITE, FAST).handler(this::getex)
                .args("key:key#0 expiration:oneof?(seconds:integer=EX milliseconds:integer=PX "
                        + "unix-time-seconds:unix-time=EXAT unix-time-milliseconds:unix-time=PXAT PERSIST)")
                .propagates(Propagation.AS_SENT_WITH_ABSOLUTE_EXPIRY));
        t.add(CommandSpec.builder("mget", -2).flags(READONLY, FAST).acl(AclCategory.STRING)
                .args("key:key#0*")
                .key(KeySpec.range(1, -1, 1, RO, ACCESS)).tips("request_policy:multi_shard")
                .group(GROUP).since("1.0.0").summary("Get the values of all the given keys")
                .complexity("O(N) where N is the number of keys to retrieve.").handler(this::mget));
        t.add(CommandSpec.builder("mset", -3).flags(WRITE, DENYOOM).acl(AclCategory.STRING)
                .args("key_value:block*(key:key#0 value:string)")
                .key(KeySpec.range(1, -1, 2, OW, UPDATE))
                .tips("request_policy:multi_shard", "response_policy:all_succeeded")
                .group(GROUP).since("1.0.1").summary("Set multiple keys to multiple values")
                .complexity("O(N) where N is the number of keys to set.").handler(this::mset));
        t.add(CommandSpec.builder("msetnx", -3).flags(WRITE, DENYOOM).acl(AclCategory.STRING)
                .args("key_value:block*(key:key#0 value:string)")
                .key(KeySpec.range(1, -1, 2, OW, INSERT))
                .tips("request_policy:multi_shard", "response_policy:agg_min")
                .group(GROUP).since("1.0.1").summary("Set multiple keys to multiple values, only if none of the keys exist")
                .complexity("O(N) where N is the number of keys to set.").handler(this::msetnx));
        t.add(spec("append", 3, "2.0.0", "Append a value to a key", "O(1). The amortized time complexity is O(1) "
                + "assuming the appended value is small and the already present value is of any size, since the "
                + "dynamic string library used by Redis will double the free space available on every reallocation.",
                RW, INSERT).flags(WRITE, DENYOOM, FAST).handler(this::append)
                .args("key:key#0 value:string"));
        t.add(spec("strlen", 2, "2.2.0", "Get the length of the value stored in a key", "O(1)", RO)
                .args("key:key#0")
                .flags(READONLY, FAST).handler(this::strlen));
        String rangeComplexity = "O(N) where N is the length of the returned string. The complexity is ultimately "
                + "determined by the returned length, but because creating a substring from an existing string is "
                + "very cheap, it can be considered O(1) for small strings.";
        t.add(spec("getrange", 4, "2.4.0", "Get a substring of the string stored at a key", rangeComplexity,
                RO, ACCESS).flags(READONLY).handler(this::getrange)
                .args("key:key#0 start:integer end:integer"));
        t.add(spec("substr", 4, "1.0.0", "Get a substring of the string stored at a key", rangeComplexity,
                RO, ACCESS).flags(READONLY).handler(this::getrange)
                .args("key:key#0 start:integer end:integer")
                .deprecated("2.0.0", "`GETRANGE`"));
        t.add(spec("setrange", 4, "2.2.0", "Overwrite part of a string at key starting at the specified offset",
                "O(1), not counting the time taken to copy the new string in place. Usually, this string is very "
                        + "small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the "
                        + "length of the value argument.", RW, UPDATE).flags(WRITE, DENYOOM).handler(this::setrange)
                .args("key:key#0 offset:integer value:string"));
        t.add(spec("incr", 2, "1.0.0", "Increment the integer value of a key by one", "O(1)", RW, ACCESS, UPDATE)
                .args("key:key#0")
                .flags(WRITE, DENYOOM, FAST).handler(this::incr));
        t.add(spec("decr", 2, "1.0.0", "Decrement the integer value of a key by one", "O(1)", RW, ACCESS, UPDATE)
                .args("key:key#0")
                .flags(WRITE, DENYOOM, FAST).handler(this::decr));
        t.add(spec("incrby", 3, "1.0.0", "Increment the integer value of a key by the given amount", "O(1)",
                RW, ACCESS, UPDATE).flags(WRITE, DENYOOM, FAST).handler(this::incrby)
                .args("key:key#0 increment:integer"));
        t.add(spec("decrby", 3, "1.0.0", "Decrement the integer value of a key by the given number", "O(1)",
                RW, ACCESS, UPDATE).flags(WRITE, DENYOOM, FAST).handler(this::decrby)
                .args("key:key#0 decrement:integer"));
        t.add(spec("incrbyfloat", 3, "2.6.0", "Increment the float value of a key by the given amount", "O(1)",
                RW, ACCESS, UPDATE).flags(WRITE, DENYOOM, FAST).handler(this::incrbyfloat)
                .args("key:key#0 increment:double"));
        t.add(CommandSpec.builder("lcs", -3).flags(READONLY).acl(AclCategory.STRING)
                .args("key1:key#0 key2:key#0 LEN? IDX? len:integer=MINMATCHLEN? WITHMATCHLEN?")
                .key(KeySpec.range(1, 1, 1, RO, ACCESS))
                .group(GROUP).since("7.0.0").summary("Find longest common substring")
                .complexity("O(N*M) where N and M are the lengths of s1 and s2, respectively").handler(this::lcs));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, String complexity,
                                            KeySpec.Flag... keyFlags) {
        return CommandSpec.builder(name, arity).acl(AclCategory.STRING).key(KeySpec.single(1, keyFlags))
                .group(GROUP).since(since).summary(summary).complexity(complexity);
    }

    // ---- shared lookups ---------------------------------------------------------------------------


    /** SET's key is read (RW, ACCESS) only with GET; otherwise it is overwritten (OW). */
    private static boolean hasGetOption(byte[][] argv) {
        for (int i = 3; i < argv.length; i++) {
            if (Args.is(argv[i], "GET")) {
                return true;
            }
        }
        return false;
    }

    /** The string at {@code key}, null when absent; WRONGTYPE when it holds another type. */
    static byte[] readString(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof byte[] value)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return value;
    }

    /** The entry at {@code key} for a write, null when absent; WRONGTYPE when it is not a string. */
    static Entry writeString(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupWrite(key);
        if (e != null && !(e.value() instanceof byte[])) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return e;
    }

    private static void bulkOrNull(ReplySink reply, byte[] value) {
        if (value == null) {
            reply.nullBulk();
        } else {
            reply.bulk(value);
        }
    }

    // ---- GET / SET family -------------------------------------------------------------------------

    private void get(CommandContext ctx) {
        bulkOrNull(ctx.reply(), readString(ctx, ctx.argv()[1]));
    }

    private void set(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        int flags = 0;
        int valueIndex = 0;
        if (argv.length > 3) {
            long parsed = ExpiryOption.parse(argv, 3, true);
            flags = ExpiryOption.flags(parsed);
            valueIndex = ExpiryOption.valueIndex(parsed);
        }
        setGeneric(ctx, flags, argv[1], argv[2], valueIndex == 0 ? null : argv[valueIndex], false);
    }

    private void setnx(CommandContext ctx) {
        setGeneric(ctx, ExpiryOption.NX, ctx.argv()[1], ctx.argv()[2], null, true);
    }

    /** SETEX and PSETEX: {@code key ttl value}. */
    private void setex(CommandContext ctx) {
        int unit = ctx.spec().name().equals("setex") ? ExpiryOption.EX : ExpiryOption.PX;
        setGeneric(ctx, unit, ctx.argv()[1], ctx.argv()[3], ctx.argv()[2], false);
    }

    /**
     * Redis's setGenericCommand: expiry checked first, then GET's old value (WRONGTYPE stops
     * everything), then NX/XX, then the write. {@code integerReply} is SETNX's 1/0 style.
     */
    private void setGeneric(CommandContext ctx, int flags, byte[] key, byte[] value, byte[] expire,
                            boolean integerReply) {
        Keyspace db = ctx.db();
        long expireAt = expire == null ? Entry.NO_EXPIRY
                : ExpiryOption.absoluteMillis(expire, flags, db.now(), ctx.spec().fullName());
        boolean get = (flags & ExpiryOption.GET) != 0;
        Entry existing = db.lookupWrite(key);
        byte[] old = null;
        if (get && existing != null) {
            if (!(existing.value() instanceof byte[] v)) {
                throw new CommandException(Errors.WRONGTYPE);
            }
            old = v;
        }
        if (((flags & ExpiryOption.NX) != 0 && existing != null) || ((flags & ExpiryOption.XX) != 0 && existing == null)) {
            if (get) {
                bulkOrNull(ctx.reply(), old);
            } else if (integerReply) {
                ctx.reply().integer(0);
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        Entry e;
        long mark = db.changeMark();
        if ((flags & ExpiryOption.KEEPTTL) != 0 && existing != null) {
            if (get) {
                db.update(existing, value); // the old array is still to be replied
            } else {
                db.updateString(existing, value, false);
            }
            e = existing;
        } else if (existing != null) {
            e = get ? db.overwrite(existing, value) : db.overwriteString(existing, value);
        } else {
            e = db.put(key, value);
        }
        db.notify(EventClass.STRING, "set", key);
        if (expire != null) {
            db.setExpiry(e, expireAt);
            db.notify(EventClass.GENERIC, "expire", key);
        }
        db.countChangesSince(mark, 1); // Redis counts the value and its expiry as one change
        if (get) {
            bulkOrNull(ctx.reply(), old);
        } else if (integerReply) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    private void getset(CommandContext ctx) {
        byte[] old = readString(ctx, ctx.argv()[1]);
        ctx.db().put(ctx.argv()[1], ctx.argv()[2]);
        bulkOrNull(ctx.reply(), old);
        ctx.db().notify(EventClass.STRING, "set", ctx.argv()[1]); // after the reply, as in Redis
    }

    private void getdel(CommandContext ctx) {
        byte[] old = readString(ctx, ctx.argv()[1]);
        bulkOrNull(ctx.reply(), old);
        if (old != null) {
            ctx.db().delete(ctx.argv()[1]);
            ctx.db().notify(EventClass.GENERIC, "del", ctx.argv()[1]); // after the reply, as in Redis
        }
    }

    /** Options are checked first; then a missing key is nil even with a bad number; then the number. */
    private void getex(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long parsed = ExpiryOption.parse(argv, 2, false);
        int flags = ExpiryOption.flags(parsed);
        int valueIndex = ExpiryOption.valueIndex(parsed);
        Keyspace db = ctx.db();
        Entry e = db.lookupRead(argv[1], !ctx.client().noTouch());
        if (e == null) {
            ctx.reply().nullBulk();
            return;
        }
        if (!(e.value() instanceof byte[] value)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        long expireAt = valueIndex == 0 ? Entry.NO_EXPIRY
                : ExpiryOption.absoluteMillis(argv[valueIndex], flags, db.now(), ctx.spec().fullName());
        ctx.reply().bulk(value);
        if (ExpiryOption.isAbsolute(flags) && expireAt <= db.now()) {
            db.delete(argv[1]);
            db.notify(EventClass.GENERIC, "del", argv[1]);
        } else if (valueIndex != 0) {
            db.setExpiry(e, expireAt);
            db.notify(EventClass.GENERIC, "expire", argv[1]);
        } else if ((flags & ExpiryOption.PERSIST) != 0 && db.persist(e)) {
            db.notify(EventClass.GENERIC, "persist", argv[1]);
        }
    }

    private void mget(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        ReplySink reply = ctx.reply();
        reply.array(argv.length - 1);
        Keyspace db = ctx.db();
        boolean touch = !ctx.client().noTouch();
        for (int i = 1; i < argv.length; i++) {
            Entry e = db.lookupRead(argv[i], touch);
            if (e != null && e.value() instanceof byte[] v) {
                reply.bulk(v);
            } else {
                reply.nullBulk();
            }
        }
    }

    private void mset(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length % 2 == 0) {
            throw new CommandException(Errors.wrongArity(ctx.spec().fullName()));
        }
        for (int i = 1; i < argv.length; i += 2) {
            ctx.db().put(argv[i], argv[i + 1]);
            ctx.db().notify(EventClass.STRING, "set", argv[i]);
        }
        ctx.reply().ok();
    }

    private void msetnx(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        if (argv.length % 2 == 0) {
            throw new CommandException(Errors.wrongArity(ctx.spec().fullName()));
        }
        Keyspace db = ctx.db();
        for (int i = 1; i < argv.length; i += 2) {
            if (db.lookupWrite(argv[i]) != null) {
                ctx.reply().integer(0);
                return;
            }
        }
        for (int i = 1; i < argv.length; i += 2) {
            db.put(argv[i], argv[i + 1]);
            db.notify(EventClass.STRING, "set", argv[i]);
        }
        ctx.reply().integer(1);
    }

    // ---- in-place changes -------------------------------------------------------------------------

    /** Redis's checkStringLength: {@code size + append} within the limit, overflow included. */
    static void checkLength(long size, long append) {
        if (size > MAX_STRING_LENGTH - append) {
            throw new CommandException(Errors.STRING_TOO_LONG);
        }
    }

    private void append(CommandContext ctx) {
        byte[] key = ctx.argv()[1];
        byte[] suffix = ctx.argv()[2];
        Entry e = writeString(ctx, key);
        if (e == null) {
            ctx.db().add(key, suffix);
            ctx.db().notify(EventClass.STRING, "append", key);
            ctx.reply().integer(suffix.length);
            return;
        }
        byte[] old = (byte[]) e.value();
        checkLength(old.length, suffix.length);
        byte[] grown = java.util.Arrays.copyOf(old, old.length + suffix.length);
        System.arraycopy(suffix, 0, grown, old.length, suffix.length);
        ctx.db().update(e, grown);
        e.markRaw(true);
        ctx.db().notify(EventClass.STRING, "append", key);
        ctx.reply().integer(grown.length);
    }

    private void strlen(CommandContext ctx) {
        byte[] v = readString(ctx, ctx.argv()[1]);
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    /** GETRANGE and SUBSTR: the indexes are parsed before the key is looked up. */
    private void getrange(CommandContext ctx) {
        long start = Numbers.parseLong(ctx.argv()[2]);
        long end = Numbers.parseLong(ctx.argv()[3]);
        byte[] v = readString(ctx, ctx.argv()[1]);
        if (v == null) {
            ctx.reply().bulk(EMPTY);
            return;
        }
        long len = v.length;
        if (start < 0 && end < 0 && start > end) {
            ctx.reply().bulk(v, 0, 0);
            return;
        }
        if (start < 0) {
            start += len;
        }
        if (end < 0) {
            end += len;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            ctx.reply().bulk(v, 0, 0);
        } else {
            ctx.reply().bulk(v, (int) start, (int) (end - start + 1));
        }
    }

    private void setrange(CommandContext ctx) {
        byte[] key = ctx.argv()[1];
        long offset = Numbers.parseLong(ctx.argv()[2]);
        byte[] value = ctx.argv()[3];
        if (offset < 0) {
            throw new CommandException("ERR offset is out of range");
        }
        Entry e = writeString(ctx, key);
        if (e == null) {
            if (value.length == 0) {
                ctx.reply().integer(0);
                return;
            }
            checkLength(offset, value.length);
            byte[] created = new byte[(int) offset + value.length];
            System.arraycopy(value, 0, created, (int) offset, value.length);
            ctx.db().add(key, created).markRaw(true);
            ctx.db().notify(EventClass.STRING, "setrange", key);
            ctx.reply().integer(created.length);
            return;
        }
        byte[] old = (byte[]) e.value();
        if (value.length == 0) {
            ctx.reply().integer(old.length);
            return;
        }
        checkLength(offset, value.length);
        int newLength = (int) Math.max(old.length, offset + value.length);
        byte[] changed = java.util.Arrays.copyOf(old, newLength);
        System.arraycopy(value, 0, changed, (int) offset, value.length);
        ctx.db().update(e, changed);
        e.markRaw(true);
        ctx.db().notify(EventClass.STRING, "setrange", key);
        ctx.reply().integer(changed.length);
    }

    // ---- counters ---------------------------------------------------------------------------------

    private void incr(CommandContext ctx) {
        incrDecr(ctx, 1);
    }

    private void decr(CommandContext ctx) {
        incrDecr(ctx, -1);
    }

    private void incrby(CommandContext ctx) {
        incrDecr(ctx, Numbers.parseLong(ctx.argv()[2]));
    }

    private void decrby(CommandContext ctx) {
        long decrement = Numbers.parseLong(ctx.argv()[2]);
        if (decrement == Long.MIN_VALUE) {
            throw new CommandException("ERR decrement would overflow");
        }
        incrDecr(ctx, -decrement);
    }

    private void incrDecr(CommandContext ctx, long increment) {
        byte[] key = ctx.argv()[1];
        Entry e = writeString(ctx, key);
        long value = e == null ? 0 : Numbers.parseLong((byte[]) e.value());
        if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
                || (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
            throw new CommandException(Errors.OVERFLOW);
        }
        value += increment;
        byte[] bytes = Numbers.toBytes(value);
        if (e == null) {
            ctx.db().add(key, bytes);
        } else {
            ctx.db().updateString(e, bytes, true);
        }
        ctx.db().notify(EventClass.STRING, "incrby", key);
        ctx.reply().integer(value);
    }

    private void incrbyfloat(CommandContext ctx) {
        byte[] key = ctx.argv()[1];
        Entry e = writeString(ctx, key);
        BigDecimal value = e == null ? BigDecimal.ZERO : LongDouble.parse((byte[]) e.value());
        BigDecimal increment = value == null ? null : LongDouble.parse(ctx.argv()[2]);
        if (value == null || increment == null) {
            throw new CommandException(Errors.NOT_FLOAT);
        }
        BigDecimal sum = LongDouble.add(value, increment);
        if (sum == null || LongDouble.isInfinite(sum)) {
            throw new CommandException(Errors.NAN_OR_INFINITY);
        }
        byte[] bytes = LongDouble.format(sum).getBytes(StandardCharsets.US_ASCII);
        if (e == null) {
            ctx.db().add(key, bytes);
        } else {
            ctx.db().update(e, bytes);
        }
        ctx.db().notify(EventClass.STRING, "incrbyfloat", key);
        // recorded as the value it wrote, as Redis records it: replay must not redo the float arithmetic
        ctx.propagateAs(new byte[][] {Args.bytes("SET"), key, bytes, Args.bytes("KEEPTTL")});
        ctx.reply().bulk(bytes);
    }

    // ---- LCS --------------------------------------------------------------------------------------

    private void lcs(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Keyspace db = ctx.db();
        boolean touch = !ctx.client().noTouch();
        Entry ea = db.lookupRead(argv[1], touch);
        Entry eb = db.lookupRead(argv[2], touch);
        if ((ea != null && !(ea.value() instanceof byte[])) || (eb != null && !(eb.value() instanceof byte[]))) {
            throw new CommandException("ERR The specified keys must contain string values");
        }
        byte[] a = ea == null ? EMPTY : (byte[]) ea.value();
        byte[] b = eb == null ? EMPTY : (byte[]) eb.value();
        boolean getIdx = false;
        boolean getLen = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < argv.length; j++) {
            boolean more = j + 1 < argv.length;
            if (Args.is(argv[j], "IDX")) {
                getIdx = true;
            } else if (Args.is(argv[j], "LEN")) {
                getLen = true;
            } else if (Args.is(argv[j], "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (Args.is(argv[j], "MINMATCHLEN") && more) {
                minMatchLen = Math.max(0, Numbers.parseLong(argv[++j]));
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (getIdx && getLen) {
            throw new CommandException("ERR If you want both the length and indexes, please just use IDX.");
        }
        LongestCommonSubsequence.reply(ctx.reply(), a, b, getIdx, getLen, withMatchLen, minMatchLen);
    }
}
