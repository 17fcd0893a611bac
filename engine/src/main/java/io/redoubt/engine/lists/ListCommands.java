package io.redoubt.engine.lists;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.MOVABLEKEYS;
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
import io.redoubt.engine.command.ElementRange;
import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.TypedLookup;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.command.CommandSpec;
import io.redoubt.engine.command.CommandTable;
import io.redoubt.engine.command.KeySpec;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.Arrays;

/**
 * The non-blocking list commands. Every element added to a list goes through {@link #push} and every
 * element taken from an end goes through {@link #pop}, so blocking commands can hook wake-ups and
 * blocking pops there.
 */
public final class ListCommands {
    static final String NUMKEYS_POSITIVE = "ERR numkeys should be greater than 0";
    static final String COUNT_POSITIVE = "ERR count should be greater than 0";

    public void register(CommandTable.Builder t) {
        for (String name : new String[] {"lpush", "rpush"}) {
            boolean head = name.equals("lpush");
            t.add(CommandSpec.builder(name, -3).flags(WRITE, DENYOOM, FAST).acl(AclCategory.LIST)
                    .key(KeySpec.single(1, RW, INSERT))
                    .group("list").since("1.0.0")
                    .summary(head ? "Prepend one or multiple elements to a list"
                            : "Append one or multiple elements to a list")
                    .args("key:key#0 element:string*").history("2.4.0", "Accepts multiple `element` arguments.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.")
                    .handler(ctx -> pushCommand(ctx, head, false)));
        }
        for (String name : new String[] {"lpushx", "rpushx"}) {
            boolean head = name.equals("lpushx");
            t.add(CommandSpec.builder(name, -3).flags(WRITE, DENYOOM, FAST).acl(AclCategory.LIST)
                    .key(KeySpec.single(1, RW, INSERT))
                    .group("list").since("2.2.0")
                    .summary(head ? "Prepend an element to a list, only if the list exists"
                            : "Append an element to a list, only if the list exists")
                    .args("key:key#0 element:string*").history("4.0.0", "Accepts multiple `element` arguments.")
                    .complexity("O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.")
                    .handler(ctx -> pushCommand(ctx, head, true)));
        }
        for (String name : new String[] {"lpop", "rpop"}) {
            boolean head = name.equals("lpop");
            t.add(CommandSpec.builder(name, -2).flags(WRITE, FAST).acl(AclCategory.LIST)
                    .key(KeySpec.single(1, RW, ACCESS, DELETE))
                    .group("list").since("1.0.0")
                    .summary(head ? "Remove and get the first elements in a list"
                            : "Remove and get the last elements in a list")
                    .args("key:key#0 count:integer@6.2.0?").history("6.2.0", "Added the `count` argument.")
                    .complexity("O(N) where N is the number of elements returned")
                    .handler(ctx -> popCommand(ctx, head)));
        }
        t.add(CommandSpec.builder("llen", 2).flags(READONLY, FAST).acl(AclCategory.LIST)
                .args("key:key#0")
                .key(KeySpec.single(1, RO))
                .group("list").since("1.0.0").summary("Get the length of a list").complexity("O(1)")
                .handler(this::llen));
        t.add(CommandSpec.builder("lindex", 3).flags(READONLY).acl(AclCategory.LIST)
                .args("key:key#0 index:integer")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("list").since("1.0.0").summary("Get an element from a list by its index")
                .complexity("O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).")
                .handler(this::lindex));
        t.add(CommandSpec.builder("linsert", 5).flags(WRITE, DENYOOM).acl(AclCategory.LIST)
                .args("key:key#0 where:oneof(BEFORE AFTER) pivot:string element:string")
                .key(KeySpec.single(1, RW, INSERT))
                .group("list").since("2.2.0").summary("Insert an element before or after another element in a list")
                .complexity("O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).")
                .handler(this::linsert));
        t.add(CommandSpec.builder("lset", 4).flags(WRITE, DENYOOM).acl(AclCategory.LIST)
                .args("key:key#0 index:integer element:string")
                .key(KeySpec.single(1, RW, UPDATE))
                .group("list").since("1.0.0").summary("Set the value of an element in a list by its index")
                .complexity("O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).")
                .handler(this::lset));
        t.add(CommandSpec.builder("lrange", 4).flags(READONLY).acl(AclCategory.LIST)
                .args("key:key#0 start:integer stop:integer")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("list").since("1.0.0").summary("Get a range of elements from a list")
                .complexity("O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.")
                .handler(this::lrange));
        t.add(CommandSpec.builder("lrem", 4).flags(WRITE).acl(AclCategory.LIST)
                .args("key:key#0 count:integer element:string")
                .key(KeySpec.single(1, RW, DELETE))
                .group("list").since("1.0.0").summary("Remove elements from a list")
                .complexity("O(N+M) where N is the length of the list and M is the number of elements removed.")
                .handler(this::lrem));
        t.add(CommandSpec.builder("ltrim", 4).flags(WRITE).acl(AclCategory.LIST)
                .args("key:key#0 start:integer stop:integer")
                .key(KeySpec.single(1, RW, DELETE))
                .group("list").since("1.0.0").summary("Trim a list to the specified range")
                .complexity("O(N) where N is the number of elements to be removed by the operation.")
                .handler(this::ltrim));
        t.add(CommandSpec.builder("lpos", -3).flags(READONLY).acl(AclCategory.LIST)
                .args("key:key#0 element:string rank:integer=RANK? num-matches:integer=COUNT? "
                        + "len:integer=MAXLEN?")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("list").since("6.0.6").summary("Return the index of matching elements on a list")
                .complexity("O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.")
                .handler(this::lpos));
        t.add(CommandSpec.builder("lmove", 5).flags(WRITE, DENYOOM).acl(AclCategory.LIST)
                .args("source:key#0 destination:key#1 wherefrom:oneof(LEFT RIGHT) whereto:oneof(LEFT RIGHT)")
                .key(KeySpec.single(1, RW, ACCESS, DELETE))
                .key(KeySpec.single(2, RW, INSERT))
                .group("list").since("6.2.0").summary("Pop an element from a list, push it to another list and return it")
                .complexity("O(1)")
                .handler(this::lmove));
        t.add(CommandSpec.builder("rpoplpush", 3).flags(WRITE, DENYOOM).acl(AclCategory.LIST)
                .args("source:key#0 destination:key#1")
                .deprecated("6.2.0", "`LMOVE` with the `RIGHT` and `LEFT` arguments")
                .key(KeySpec.single(1, RW, ACCESS, DELETE))
                .key(KeySpec.single(2, RW, INSERT))
                .group("list").since("1.2.0").summary("Remove the last element in a list, prepend it to another list and return it")
                .complexity("O(1)")
                .handler(this::rpoplpush));
        t.add(CommandSpec.builder("lmpop", -4).flags(WRITE, MOVABLEKEYS).acl(AclCategory.LIST)
                .args("numkeys:integer key:key#0* where:oneof(LEFT RIGHT) count:integer=COUNT?")
                .key(KeySpec.keynum(1, 0, 1, 1, RW, ACCESS, DELETE))
                .group("list").since("7.0.0").summary("Pop elements from a list")
                .complexity("O(N+M) where N is the number of provided keys and M is the number of elements returned.")
                .handler(this::lmpop));
    }

    // ---- the one place lists grow and shrink at their ends -------------------------------------------

    /**
     * Adds {@code values[from..]} at the head or tail of the list at {@code key}, creating the list when
     * {@code e} is null with nodes shaped by {@code fill} (list-max-listpack-size). Returns the new
     * length. Blocking pops hook their wake-ups here.
     */
    public static int push(Keyspace db, int fill, byte[] key, Entry e, byte[][] values, int from, boolean head) {
        long mark = db.changeMark();
        if (e == null) {
            ListValue list = new ListValue(fill);
            for (int i = from; i < values.length; i++) {
                add(list, values[i], head);
            }
            db.add(key, list);
            db.countChangesSince(mark, values.length - from);
            return list.size();
        }
        ListValue list = (ListValue) e.value();
        long before = list.estimatedBytes();
        for (int i = from; i < values.length; i++) {
            add(list, values[i], head);
        }
        db.modified(e, list.estimatedBytes() - before);
        db.countChangesSince(mark, values.length - from);
        return list.size();
    }

    private static void add(ListValue list, byte[] v, boolean head) {
        if (head) {
            list.pushHead(v);
        } else {
            list.pushTail(v);
        }
    }

    /**
     * Pops up to {@code count} elements from one end of the list held by {@code e}, deleting the key
     * when it becomes empty.
     */
    public static byte[][] pop(Keyspace db, Entry e, long count, boolean head) {
        ListValue list = (ListValue) e.value();
        int n = (int) Math.min(count, list.size());
        byte[][] out = new byte[n][];
        long before = list.estimatedBytes();
        long mark = db.changeMark();
        for (int i = 0; i < n; i++) {
            out[i] = head ? list.popHead() : list.popTail();
        }
        db.modified(e, list.estimatedBytes() - before);
        if (list.isEmpty()) {
            db.delete(e.key());
        }
        db.countChangesSince(mark, n);
        return out;
    }

    /**
     * Redis's listElementsRemoved: the pop event, then {@code del} when the pop emptied the list held
     * by {@code e} (which {@link #pop} has already deleted).
     */
    static void notifyPopped(Keyspace db, Entry e, boolean head) {
        db.notify(EventClass.LIST, head ? "lpop" : "rpop", e.key());
        if (((ListValue) e.value()).isEmpty()) {
            db.notify(EventClass.GENERIC, "del", e.key());
        }
    }

    // ---- lookups --------------------------------------------------------------------------------------

    static ListValue readList(CommandContext ctx, byte[] key) {
        return TypedLookup.read(ctx, key, ListValue.class);
    }

    static Entry writeEntry(CommandContext ctx, byte[] key) {
        return TypedLookup.write(ctx.db(), key, ListValue.class);
    }

    /** The list-max-listpack-size new lists get. */
    static int fill(CommandContext ctx) {
        return ctx.shard().encodingLimits().listMaxListpackSize();
    }

    static void replyElements(ReplySink r, byte[][] values) {
        r.array(values.length);
        for (byte[] v : values) {
            r.bulk(v);
        }
    }

    // ---- commands -----------------------------------------------------------------------------------

    private void pushCommand(CommandContext ctx, boolean head, boolean onlyExisting) {
        byte[][] argv = ctx.argv();
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null && onlyExisting) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer(push(ctx.db(), fill(ctx), argv[1], e, argv, 2, head));
        ctx.db().notify(EventClass.LIST, head ? "lpush" : "rpush", argv[1]); // after the reply, as in Redis
    }

    private void popCommand(CommandContext ctx, boolean head) {
        byte[][] argv = ctx.argv();
        if (argv.length > 3) {
            throw new CommandException(Errors.wrongArity(ctx.spec().fullName()));
        }
        long count = -1;
        if (argv.length == 3) {
            count = Args.parseLong(argv[2], Errors.OUT_OF_RANGE_POSITIVE);
            if (count < 0) {
                throw new CommandException(Errors.OUT_OF_RANGE_POSITIVE);
            }
        }
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            if (count >= 0) {
                ctx.reply().nullArray();
            } else {
                ctx.reply().nullBulk();
            }
            return;
        }
        if (count == 0) {
            ctx.reply().array(0);
            return;
        }
        byte[][] out = pop(ctx.db(), e, count < 0 ? 1 : count, head);
        if (count < 0) {
            ctx.reply().bulk(out[0]);
        } else {
            replyElements(ctx.reply(), out);
        }
        notifyPopped(ctx.db(), e, head);
    }

    private void llen(CommandContext ctx) {
        ListValue list = readList(ctx, ctx.argv()[1]);
        ctx.reply().integer(list == null ? 0 : list.size());
    }

    private void lindex(CommandContext ctx) {
        ListValue list = readList(ctx, ctx.argv()[1]);
        if (list == null) {
            ctx.reply().nullBulk();
            return;
        }
        long index = Args.parseLong(ctx.argv()[2]);
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            ctx.reply().nullBulk();
        } else {
            ctx.reply().bulk(list.get((int) index));
        }
    }

    private void linsert(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean after;
        if (Args.is(argv[2], "AFTER")) {
            after = true;
        } else if (Args.is(argv[2], "BEFORE")) {
            after = false;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        ListValue list = (ListValue) e.value();
        int pivot = list.indexOf(argv[3]);
        if (pivot < 0) {
            ctx.reply().integer(-1);
            return;
        }
        long before = list.estimatedBytes();
        list.insert(after ? pivot + 1 : pivot, argv[4]);
        ctx.db().modified(e, list.estimatedBytes() - before);
        ctx.db().notify(EventClass.LIST, "linsert", argv[1]);
        ctx.reply().integer(list.size());
    }

    private void lset(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        long index = Args.parseLong(argv[2]);
        ListValue list = (ListValue) e.value();
        if (index < 0) {
            index += list.size();
        }
        if (index < 0 || index >= list.size()) {
            throw new CommandException(Errors.INDEX_OUT_OF_RANGE);
        }
        long before = list.estimatedBytes();
        list.set((int) index, argv[3]);
        ctx.db().modified(e, list.estimatedBytes() - before);
        ctx.reply().ok();
        ctx.db().notify(EventClass.LIST, "lset", argv[1]);
    }

    private void lrange(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long start = Args.parseLong(argv[2]);
        long end = Args.parseLong(argv[3]);
        ListValue list = readList(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (list == null) {
            r.array(0);
            return;
        }
        ElementRange range = ElementRange.of(start, end, list.size());
        r.array(range.length());
        if (range.isEmpty()) {
            return;
        }
        ListValue.Cursor c = list.cursor(range.from());
        for (int i = range.from(); i < range.to(); i++, c.forward()) {
            c.reply(r);
        }
    }

    private void lrem(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long count = Args.parseLong(argv[2]);
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        ListValue list = (ListValue) e.value();
        long before = list.estimatedBytes();
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        int removed = list.removeMatching(argv[3], limit, count < 0);
        if (removed > 0) {
            long mark = ctx.db().changeMark();
            ctx.db().modified(e, list.estimatedBytes() - before);
            ctx.db().notify(EventClass.LIST, "lrem", argv[1]);
            if (list.isEmpty()) {
                ctx.db().delete(argv[1]);
                ctx.db().notify(EventClass.GENERIC, "del", argv[1]);
            }
            ctx.db().countChangesSince(mark, removed);
        }
        ctx.reply().integer(removed);
    }

    private void ltrim(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long start = Args.parseLong(argv[2]);
        long end = Args.parseLong(argv[3]);
        Entry e = writeEntry(ctx, argv[1]);
        if (e == null) {
            ctx.reply().ok();
            return;
        }
        ListValue list = (ListValue) e.value();
        ElementRange range = ElementRange.of(start, end, list.size());
        long before = list.estimatedBytes();
        long mark = ctx.db().changeMark();
        int sizeBefore = list.size();
        if (range.isEmpty()) {
            list.trim(1, 0);
        } else {
            list.trim(range.from(), range.to() - 1);
        }
        ctx.db().modified(e, list.estimatedBytes() - before);
        ctx.db().notify(EventClass.LIST, "ltrim", argv[1]);
        if (list.isEmpty()) {
            ctx.db().delete(argv[1]);
            ctx.db().notify(EventClass.GENERIC, "del", argv[1]);
        }
        ctx.db().countChangesSince(mark, sizeBefore - list.size()); // Redis counts the elements trimmed
        ctx.reply().ok();
    }

    private void lpos(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < argv.length; i++) {
            boolean hasNext = i + 1 < argv.length;
            if (Args.is(argv[i], "RANK") && hasNext) {
                rank = Args.parseLong(argv[++i]);
                if (rank == 0) {
                    throw new CommandException("ERR RANK can't be zero: use 1 to start from the first match, "
                            + "2 from the second ... or use negative to start from the end of the list");
                }
            } else if (Args.is(argv[i], "COUNT") && hasNext) {
                count = Args.parseLong(argv[++i]);
                if (count < 0) {
                    throw new CommandException("ERR COUNT can't be negative");
                }
            } else if (Args.is(argv[i], "MAXLEN") && hasNext) {
                maxlen = Args.parseLong(argv[++i]);
                if (maxlen < 0) {
                    throw new CommandException("ERR MAXLEN can't be negative");
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        ListValue list = readList(ctx, argv[1]);
        ReplySink r = ctx.reply();
        if (list == null) {
            if (count >= 0) {
                r.array(0);
            } else {
                r.nullBulk();
            }
            return;
        }
        boolean fromTail = rank < 0;
        // Redis negates the rank; LONG_MIN stays negative and then matches from the first hit
        long skip = rank == Long.MIN_VALUE ? 0 : Math.abs(rank) - 1;
        long wanted = count < 0 ? 1 : (count == 0 ? Long.MAX_VALUE : count);
        int len = list.size();
        long scanLimit = maxlen == 0 ? len : Math.min(maxlen, len);
        long[] found = new long[8];
        int nFound = 0;
        byte[] element = argv[2];
        ListValue.Cursor c = list.cursor(fromTail ? len - 1 : 0);
        for (int k = 0; k < scanLimit && nFound < wanted; k++, step(c, fromTail)) {
            int i = c.index();
            if (c.matches(element)) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (nFound == found.length) {
                    found = Arrays.copyOf(found, found.length * 2);
                }
                found[nFound++] = i;
            }
        }
        if (count < 0) {
            if (nFound == 0) {
                r.nullBulk();
            } else {
                r.integer(found[0]);
            }
            return;
        }
        r.array(nFound);
        for (int i = 0; i < nFound; i++) {
            r.integer(found[i]);
        }
    }

    private static void step(ListValue.Cursor c, boolean backward) {
        if (backward) {
            c.backward();
        } else {
            c.forward();
        }
    }

    static boolean parseSide(byte[] arg) {
        if (Args.is(arg, "LEFT")) {
            return true;
        }
        if (Args.is(arg, "RIGHT")) {
            return false;
        }
        throw new CommandException(Errors.SYNTAX);
    }

    private void lmove(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        boolean fromHead = parseSide(argv[3]);
        boolean toHead = parseSide(argv[4]);
        move(ctx, argv[1], argv[2], fromHead, toHead);
    }

    private void rpoplpush(CommandContext ctx) {
        move(ctx, ctx.argv()[1], ctx.argv()[2], false, true);
    }

    /** LMOVE: the destination's type is checked before anything leaves the source. BLMOVE reuses it. */
    static void move(CommandContext ctx, byte[] source, byte[] destination, boolean fromHead, boolean toHead) {
        Entry src = writeEntry(ctx, source);
        if (src == null) {
            ctx.reply().nullBulk();
            return;
        }
        Entry dst = writeEntry(ctx, destination);
        Keyspace db = ctx.db();
        byte[] value;
        if (dst == src) {
            // A rotation: as in Redis the key is never emptied, deleted or created on the way.
            ListValue list = (ListValue) src.value();
            long before = list.estimatedBytes();
            value = fromHead ? list.popHead() : list.popTail();
            add(list, value, toHead);
            db.modified(src, list.estimatedBytes() - before);
        } else {
            long mark = db.changeMark();
            value = pop(db, src, 1, fromHead)[0];
            push(db, fill(ctx), destination, dst, new byte[][] {value}, 0, toHead);
            db.countChangesSince(mark, 1); // Redis counts the element taken, not the push
        }
        // Redis's order: the push on the destination, the reply, then the pop (and a deletion) of the source.
        db.notify(EventClass.LIST, toHead ? "lpush" : "rpush", destination);
        ctx.reply().bulk(value);
        notifyPopped(db, src, fromHead);
    }

    private void lmpop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long numkeys = Args.parseLong(argv[1], NUMKEYS_POSITIVE);
        if (numkeys <= 0) {
            throw new CommandException(NUMKEYS_POSITIVE);
        }
        long whereIdx = numkeys + 2;
        if (numkeys >= argv.length || whereIdx >= argv.length) {
            throw new CommandException(Errors.SYNTAX);
        }
        boolean head = parseSide(argv[(int) whereIdx]);
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
        if (count < 0) {
            count = 1;
        }
        for (int k = 2; k < whereIdx; k++) {
            Entry e = writeEntry(ctx, argv[k]);
            if (e == null) {
                continue;
            }
            byte[][] out = pop(ctx.db(), e, count, head);
            ReplySink r = ctx.reply();
            r.array(2);
            r.bulk(argv[k]);
            replyElements(r, out);
            notifyPopped(ctx.db(), e, head);
            return;
        }
        ctx.reply().nullArray();
    }
}
