package io.redoubt.engine.streams;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
import static io.redoubt.engine.command.KeySpec.Flag.DELETE;
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
import io.redoubt.engine.command.Propagation;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.resp.Errors;

/**
 * The stream entry commands: XADD, XLEN, XRANGE, XREVRANGE, XDEL, XTRIM, XSETID. Consumer groups
 * live in {@link StreamGroupCommands}, reads in {@link StreamReadCommands}, XINFO in
 * {@link StreamInfoCommands}; {@link #register} registers all of them.
 */
public final class StreamCommands {
    private static final String ID_TOO_SMALL = "ERR The ID specified in XADD is equal or smaller than the target stream top item";

    public void register(CommandTable.Builder t) {
        t.add(CommandSpec.builder("xadd", -5).flags(WRITE, DENYOOM, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 NOMKSTREAM@6.2.0? trim:block?(strategy:oneof(MAXLEN MINID@6.2.0) "
                        + "operator:oneof?(equal=\"=\" approximately=\"~\") threshold:string "
                        + "count:integer=LIMIT@6.2.0?) id_or_auto:oneof(auto_id=\"*\" id:string) "
                        + "field_value:block*(field:string value:string)")
                .key(KeySpec.single(1, RW, UPDATE).notes("UPDATE instead of INSERT because of the optional trimming feature"))
                .group("stream").since("5.0.0").summary("Appends a new entry to a stream")
                .complexity("O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.")
                .tips("nondeterministic_output")
                .history("6.2.0", "Added the `NOMKSTREAM` option, `MINID` trimming strategy and the `LIMIT` option.")
                .history("7.0.0", "Added support for the `<ms>-*` explicit ID form.")
                .handler(this::xadd)
                .propagates(Propagation.AS_RESOLVED_STREAM_WRITE));
        t.add(CommandSpec.builder("xlen", 2).flags(READONLY, FAST).acl(AclCategory.STREAM)
                .args("key:key#0")
                .key(KeySpec.single(1, RO))
                .group("stream").since("5.0.0").summary("Return the number of entries in a stream").complexity("O(1)")
                .handler(this::xlen));
        t.add(CommandSpec.builder("xrange", -4).flags(READONLY).acl(AclCategory.STREAM)
                .args("key:key#0 start:string end:string count:integer=COUNT?")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("stream").since("5.0.0").summary("Return a range of elements in a stream, with IDs matching the specified IDs interval")
                .complexity("O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).")
                .history("6.2.0", "Added exclusive ranges.")
                .handler(ctx -> range(ctx, false)));
        t.add(CommandSpec.builder("xrevrange", -4).flags(READONLY).acl(AclCategory.STREAM)
                .args("key:key#0 end:string start:string count:integer=COUNT?")
                .key(KeySpec.single(1, RO, ACCESS))
                .group("stream").since("5.0.0").summary("Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE")
                .complexity("O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).")
                .history("6.2.0", "Added exclusive ranges.")
                .handler(ctx -> range(ctx, true)));
        t.add(CommandSpec.builder("xdel", -3).flags(WRITE, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 id:string*")
                .key(KeySpec.single(1, RW, DELETE))
                .group("stream").since("5.0.0").summary("Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.")
                .complexity("O(1) for each single item to delete in the stream, regardless of the stream size.")
                .handler(this::xdel));
        t.add(CommandSpec.builder("xtrim", -4).flags(WRITE).acl(AclCategory.STREAM)
                .args("key:key#0 trim:block(strategy:oneof(MAXLEN MINID@6.2.0) operator:oneof?(equal=\"=\" "
                        + "approximately=\"~\") threshold:string count:integer=LIMIT@6.2.0?)")
                .key(KeySpec.single(1, RW, DELETE))
                .group("stream").since("5.0.0").summary("Trims the stream to (approximately if '~' is passed) a certain size")
                .complexity("O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.")
                .tips("nondeterministic_output")
                .history("6.2.0", "Added the `MINID` trimming strategy and the `LIMIT` option.")
                .handler(this::xtrim)
                .propagates(Propagation.AS_RESOLVED_STREAM_WRITE));
        t.add(CommandSpec.builder("xsetid", -3).flags(WRITE, DENYOOM, FAST).acl(AclCategory.STREAM)
                .args("key:key#0 last-id:string entries_added:integer=ENTRIESADDED@7.0.0? "
                        + "max_deleted_entry_id:string=MAXDELETEDID@7.0.0?")
                .key(KeySpec.single(1, RW, UPDATE))
                .group("stream").since("5.0.0").summary("An internal command for replicating stream values").complexity("O(1)")
                .history("7.0.0", "Added the `entries_added` and `max_deleted_entry_id` arguments.")
                .handler(this::xsetid));
        new StreamGroupCommands().register(t);
        new StreamReadCommands().register(t);
        new StreamInfoCommands().register(t);
    }

    /** Parsed XADD/XTRIM options (Redis's streamAddTrimArgs). */
    static final class TrimArgs {
        long maxLen = -1;
        StreamId minId;
        boolean approx;
        long limit;
        boolean noMkStream;
        StreamId id;
        boolean seqGiven = true;
        int next;

        boolean trims() {
            return maxLen >= 0 || minId != null;
        }
    }

    /** Parses options from argv[2]; for XADD stops at the ID ({@code *} or explicit). */
    static TrimArgs parseTrimArgs(CommandContext ctx, boolean xadd) {
        byte[][] argv = ctx.argv();
        TrimArgs a = new TrimArgs();
        boolean limitGiven = false;
        int i = 2;
        for (; i < argv.length; i++) {
            int more = argv.length - 1 - i;
            byte[] opt = argv[i];
            if (xadd && opt.length == 1 && opt[0] == '*') {
                break;
            } else if ((Args.is(opt, "MAXLEN") || Args.is(opt, "MINID")) && more > 0) {
                boolean maxlen = Args.is(opt, "MAXLEN");
                if (a.trims()) {
                    throw new CommandException("ERR syntax error, MAXLEN and MINID options at the same time are not compatible");
                }
                a.approx = false;
                byte[] nx = argv[i + 1];
                if (more >= 2 && nx.length == 1 && nx[0] == '~') {
                    a.approx = true;
                    i++;
                } else if (more >= 2 && nx.length == 1 && nx[0] == '=') {
                    i++;
                }
                if (maxlen) {
                    long v = Args.parseLong(argv[i + 1], Errors.NOT_INTEGER);
                    if (v < 0) {
                        throw new CommandException("ERR The MAXLEN argument must be >= 0.");
                    }
                    a.maxLen = v;
                } else {
                    a.minId = StreamId.parseStrict(argv[i + 1]);
                }
                i++;
            } else if (Args.is(opt, "LIMIT") && more > 0) {
                long v = Args.parseLong(argv[i + 1], Errors.NOT_INTEGER);
                if (v < 0) {
                    throw new CommandException("ERR The LIMIT argument must be >= 0.");
                }
                a.limit = v;
                limitGiven = true;
                i++;
            } else if (xadd && Args.is(opt, "NOMKSTREAM")) {
                a.noMkStream = true;
            } else if (xadd) {
                a.id = parseAddId(opt, a);
                break;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        if (a.limit != 0 && !a.trims()) {
            throw new CommandException("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy");
        }
        if (!xadd && !a.trims()) {
            throw new CommandException("ERR syntax error, XTRIM must be called with a trimming strategy");
        }
        if (limitGiven) {
            if (!a.approx) {
                throw new CommandException("ERR syntax error, LIMIT cannot be used without the special ~ option");
            }
        } else if (a.approx) {
            long l = 100L * ctx.shard().encodingLimits().streamNodeMaxEntries();
            a.limit = l <= 0 || l > 10000 ? 10000 : l;
        } else {
            a.limit = 0;
        }
        a.next = i;
        return a;
    }

    /** An explicit XADD ID: {@code ms-seq}, {@code ms} or {@code ms-*} (sequence chosen by the stream). */
    private static StreamId parseAddId(byte[] arg, TrimArgs a) {
        int n = arg.length;
        if (n >= 2 && arg[n - 1] == '*' && arg[n - 2] == '-') {
            Long ms = arg.length > 127 ? null : StreamId.parseUnsigned(arg, 0, n - 2);
            if (ms == null) {
                throw new CommandException(StreamId.INVALID);
            }
            a.seqGiven = false;
            return new StreamId(ms, 0);
        }
        return StreamId.parseStrict(arg);
    }

    private void xadd(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        TrimArgs a = parseTrimArgs(ctx, true);
        int fieldPos = a.next + 1;
        int n = argv.length - fieldPos;
        if (n < 2 || n % 2 == 1) {
            throw new CommandException(Errors.wrongArity(ctx.spec().fullName()));
        }
        if (a.id != null && a.seqGiven && a.id.isZero()) {
            throw new CommandException("ERR The ID specified in XADD must be greater than 0-0");
        }
        Entry e = StreamReplies.write(ctx, argv[1]);
        if (e == null && a.noMkStream) {
            ctx.reply().nullBulk();
            return;
        }
        StreamValue s = e == null ? new StreamValue() : (StreamValue) e.value();
        StreamId last = s.lastId();
        if (last.ms() == -1L && last.seq() == -1L) {
            throw new CommandException("ERR The stream has exhausted the last possible ID, unable to add more items");
        }
        StreamId id;
        if (a.id != null) {
            if (a.seqGiven) {
                id = a.id;
            } else if (last.ms() == a.id.ms()) {
                if (last.seq() == -1L) {
                    throw new CommandException(ID_TOO_SMALL);
                }
                id = new StreamId(last.ms(), last.seq() + 1);
            } else {
                id = a.id;
            }
        } else {
            long now = System.currentTimeMillis();
            id = Long.compareUnsigned(now, last.ms()) > 0 ? new StreamId(now, 0) : last.next();
        }
        if (id.compareTo(last) <= 0) {
            throw new CommandException(ID_TOO_SMALL);
        }
        byte[][] fv = java.util.Arrays.copyOfRange(argv, fieldPos, argv.length);
        EncodingLimits limits = ctx.shard().encodingLimits();
        long before = s.estimatedBytes();
        s.append(id, fv, limits.streamNodeMaxEntries(), limits.streamNodeMaxBytes());
        long trimmed = a.trims() ? s.trim(a.maxLen, a.minId, a.approx, a.limit) : 0;
        if (e == null) {
            ctx.db().add(argv[1], s);
        } else {
            ctx.db().modified(e, s.estimatedBytes() - before);
        }
        ctx.reply().bulk(id.bytes());
        // Redis replies, notifies the add, then trims and notifies the trim
        ctx.db().notify(EventClass.STREAM, "xadd", argv[1]);
        if (trimmed > 0) {
            ctx.db().notify(EventClass.STREAM, "xtrim", argv[1]);
        }
    }

    private void xlen(CommandContext ctx) {
        StreamValue s = StreamReplies.read(ctx, ctx.argv()[1]);
        ctx.reply().integer(s == null ? 0 : s.length());
    }

    private void range(CommandContext ctx, boolean rev) {
        byte[][] argv = ctx.argv();
        StreamId start = StreamReplies.intervalStart(argv[rev ? 3 : 2]);
        StreamId end = StreamReplies.intervalEnd(argv[rev ? 2 : 3]);
        long count = -1;
        for (int j = 4; j < argv.length; j++) {
            if (Args.is(argv[j], "COUNT") && j + 1 < argv.length) {
                count = Args.parseLong(argv[j + 1], Errors.NOT_INTEGER);
                if (count < 0) {
                    count = 0;
                }
                j++;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        StreamValue s = StreamReplies.read(ctx, argv[1]);
        if (s == null) {
            ctx.reply().array(0);
            return;
        }
        if (count == 0) {
            ctx.reply().nullArray();
            return;
        }
        StreamReplies.items(ctx.reply(), StreamReplies.collect(s, start, end, count < 0 ? 0 : count, rev));
    }

    private void xdel(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        Entry e = StreamReplies.write(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamId[] ids = new StreamId[argv.length - 2];
        for (int j = 2; j < argv.length; j++) {
            ids[j - 2] = StreamId.parseStrict(argv[j]);
        }
        StreamValue s = (StreamValue) e.value();
        long before = s.estimatedBytes();
        int deleted = 0;
        for (StreamId id : ids) {
            if (s.delete(id)) {
                if (id.compareTo(s.maxDeletedId()) > 0) {
                    s.maxDeletedId(id);
                }
                deleted++;
            }
        }
        if (deleted > 0) {
            ctx.db().modified(e, s.estimatedBytes() - before);
            ctx.db().notify(EventClass.STREAM, "xdel", e.key());
        }
        ctx.reply().integer(deleted);
    }

    private void xtrim(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        TrimArgs a = parseTrimArgs(ctx, false);
        Entry e = StreamReplies.write(ctx, argv[1]);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        StreamValue s = (StreamValue) e.value();
        long before = s.estimatedBytes();
        long deleted = s.trim(a.maxLen, a.minId, a.approx, a.limit);
        if (deleted > 0) {
            ctx.db().modified(e, s.estimatedBytes() - before);
            ctx.db().notify(EventClass.STREAM, "xtrim", e.key());
        }
        ctx.reply().integer(deleted);
    }

    private void xsetid(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        StreamId id = StreamId.parseStrict(argv[2]);
        StreamId maxXdel = StreamId.ZERO;
        long entriesAdded = -1;
        for (int i = 3; i < argv.length; i += 2) {
            boolean more = i + 1 < argv.length;
            if (Args.is(argv[i], "ENTRIESADDED") && more) {
                entriesAdded = Args.parseLong(argv[i + 1], Errors.NOT_INTEGER);
                if (entriesAdded < 0) {
                    throw new CommandException("ERR entries_added must be positive");
                }
            } else if (Args.is(argv[i], "MAXDELETEDID") && more) {
                maxXdel = StreamId.parseStrict(argv[i + 1]);
                if (id.compareTo(maxXdel) < 0) {
                    throw new CommandException("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id");
                }
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
        }
        Entry e = StreamReplies.write(ctx, argv[1]);
        if (e == null) {
            throw new CommandException(Errors.NO_SUCH_KEY);
        }
        StreamValue s = (StreamValue) e.value();
        if (s.length() > 0) {
            if (id.compareTo(s.lastValidId()) < 0) {
                throw new CommandException("ERR The ID specified in XSETID is smaller than the target stream top item");
            }
            if (entriesAdded != -1 && s.length() > entriesAdded) {
                throw new CommandException("ERR The entries_added specified in XSETID is smaller than the target stream length");
            }
        }
        s.lastId(id);
        if (entriesAdded != -1) {
            s.entriesAdded(entriesAdded);
        }
        if (!maxXdel.isZero()) {
            s.maxDeletedId(maxXdel);
        }
        ctx.db().modified(e, 0);
        ctx.db().notify(EventClass.STREAM, "xsetid", e.key());
        ctx.reply().ok();
    }
}
