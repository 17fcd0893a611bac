package io.redoubt.engine.bitmaps;

import static io.redoubt.engine.command.CommandFlag.DENYOOM;
import static io.redoubt.engine.command.CommandFlag.FAST;
import static io.redoubt.engine.command.CommandFlag.READONLY;
import static io.redoubt.engine.command.CommandFlag.WRITE;
import static io.redoubt.engine.command.KeySpec.Flag.ACCESS;
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
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.EventClass;
import io.redoubt.engine.strings.StringCommands;
import io.redoubt.resp.Errors;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The bitmap family of Redis 7.0 on string values: SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD
 * BITFIELD_RO. Arguments are checked in Redis's order (BITCOUNT and BITPOS look the key up before
 * reading their range, so a missing key answers before a bad range does). Strings written here are
 * marked raw, as Redis unshares them.
 */
public final class BitmapCommands {
    private static final String GROUP = "bitmap";
    private static final String OFFSET_ERROR = "ERR bit offset is not an integer or out of range";
    private static final String BIT_ERROR = "ERR bit is not an integer or out of range";
    private static final String TYPE_ERROR =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    private static final byte[] EMPTY = new byte[0];

    public void register(CommandTable.Builder t) {
        t.add(spec("setbit", 4, "2.2.0", "Sets or clears the bit at offset in the string value stored at key", "O(1)")
                .args("key:key#0 offset:integer value:integer")
                .flags(WRITE, DENYOOM).key(KeySpec.single(1, RW, ACCESS, UPDATE)).handler(this::setbit));
        t.add(spec("getbit", 3, "2.2.0", "Returns the bit value at offset in the string value stored at key", "O(1)")
                .args("key:key#0 offset:integer")
                .flags(READONLY, FAST).key(KeySpec.single(1, RO, ACCESS)).handler(this::getbit));
        t.add(spec("bitcount", -2, "2.6.0", "Count set bits in a string", "O(N)")
                .args("key:key#0 index:block?(start:integer end:integer index_unit:oneof@7.0.0?(BYTE BIT))")
                .history("7.0.0", "Added the `BYTE|BIT` option.")
                .flags(READONLY).key(KeySpec.single(1, RO, ACCESS)).handler(this::bitcount));
        t.add(spec("bitpos", -3, "2.8.7", "Find first bit set or clear in a string", "O(N)")
                .args("key:key#0 bit:integer index:block?(start:integer end_index:block?(end:integer "
                        + "index_unit:oneof@7.0.0?(BYTE BIT)))")
                .history("7.0.0", "Added the `BYTE|BIT` option.")
                .flags(READONLY).key(KeySpec.single(1, RO, ACCESS)).handler(this::bitpos));
        t.add(spec("bitop", -4, "2.6.0", "Perform bitwise operations between strings", "O(N)")
                .args("operation:string destkey:key#0 key:key#1*")
                .flags(WRITE, DENYOOM).key(KeySpec.single(2, OW, UPDATE)).key(KeySpec.range(3, -1, 1, RO, ACCESS))
                .handler(this::bitop));
        t.add(spec("bitfield", -2, "3.2.0", "Perform arbitrary bitfield integer operations on strings",
                "O(1) for each subcommand specified").flags(WRITE, DENYOOM)
                .args("key:key#0 operation:oneof?*(encoding_offset:block=GET(encoding:string offset:integer) "
                        + "write:block(wrap_sat_fail:oneof=OVERFLOW?(WRAP SAT FAIL) "
                        + "write_operation:oneof(encoding_offset_value:block=SET(encoding:string offset:integer "
                        + "value:integer) encoding_offset_increment:block=INCRBY(encoding:string offset:integer "
                        + "increment:integer))))")
                .key(KeySpec.single(1, RW, ACCESS, UPDATE, VARIABLE_FLAGS)
                        .notes("This command allows both access and modification of the key")
                        .variableFlags(argv -> onlyReads(argv) ? Set.of(RO, ACCESS) : Set.of(RW, ACCESS, UPDATE)))
                .handler(ctx -> bitfield(ctx, false)));
        t.add(spec("bitfield_ro", -2, "6.0.0",
                "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD",
                "O(1) for each subcommand specified").flags(READONLY, FAST)
                .args("key:key#0 encoding_offset:block=GET?*+(encoding:string offset:integer)")
                .key(KeySpec.single(1, RO, ACCESS)).handler(ctx -> bitfield(ctx, true)));
    }

    private static CommandSpec.Builder spec(String name, int arity, String since, String summary, String complexity) {
        return CommandSpec.builder(name, arity).acl(AclCategory.BITMAP).group(GROUP).since(since).summary(summary)
                .complexity(complexity);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** Redis's getBitOffsetFromArgument; {@code hashBits > 0} allows the {@code #n} form (n × bits). */
    private static long bitOffset(byte[] arg, int hashBits) {
        boolean hash = hashBits > 0 && arg.length > 0 && arg[0] == '#';
        byte[] digits = hash ? Arrays.copyOfRange(arg, 1, arg.length) : arg;
        Long v = Args.parseLongOrNull(digits);
        if (v == null) {
            throw new CommandException(OFFSET_ERROR);
        }
        long offset = hash ? v * hashBits : v;
        if (offset < 0 || (offset >> 3) >= StringCommands.MAX_STRING_LENGTH) {
            throw new CommandException(OFFSET_ERROR);
        }
        return offset;
    }

    private static byte[] readString(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookupRead(key, !ctx.client().noTouch());
        if (e == null) {
            return null;
        }
        if (!(e.value() instanceof byte[] v)) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        return v;
    }

    /**
     * Redis's lookupStringForBitCommand: the string at {@code key} grown with zeros to hold bit
     * {@code maxBit}, created when missing, marked raw. Returns the entry, whose array the caller may
     * change in place: a raw-marked array is owned by its entry alone (every writer that marks raw
     * stores a fresh array), so large bitmaps are not copied on every SETBIT.
     */
    private static Entry stringForWrite(CommandContext ctx, byte[] key, long maxBit) {
        Keyspace db = ctx.db();
        Entry e = db.lookupWrite(key);
        if (e != null && !(e.value() instanceof byte[])) {
            throw new CommandException(Errors.WRONGTYPE);
        }
        int needed = (int) ((maxBit >>> 3) + 1);
        if (e == null) {
            e = db.add(key, new byte[needed]);
        } else {
            byte[] old = (byte[]) e.value();
            if (old.length < needed || !e.raw()) {
                // A value not marked raw may be shared (SET stores the request's argument): copy first.
                db.update(e, Arrays.copyOf(old, Math.max(old.length, needed)));
            } else {
                db.modified(e, 0);
            }
        }
        e.markRaw(true);
        return e;
    }

    /**
     * The length of the live string at {@code key} before a write, -1 when there is none (or when
     * string notifications are off: then nobody needs it and the extra lookup is skipped).
     */
    private static int lengthBefore(Keyspace db, byte[] key) {
        if (!db.shard().events().enabled(EventClass.STRING)) {
            return -1;
        }
        Entry e = db.peek(key);
        return e == null || db.isExpired(e) || !(e.value() instanceof byte[] bytes) ? -1 : bytes.length;
    }

    // ---- commands ---------------------------------------------------------------------------------

    private void setbit(CommandContext ctx) {
        long offset = bitOffset(ctx.argv()[2], 0);
        long on = Args.parseLong(ctx.argv()[3], BIT_ERROR);
        if ((on & ~1L) != 0) {
            throw new CommandException(BIT_ERROR);
        }
        // Redis counts a change, and notifies, only when the key was created or grown, or the bit changed:
        // an unchanged bit leaves watchers, the change counter and the AOF alone
        Entry found = ctx.db().lookupWrite(ctx.argv()[1]);
        if (found != null && found.value() instanceof byte[] current && (offset >>> 3) < current.length
                && ((current[(int) (offset >>> 3)] >> (7 - (int) (offset & 7))) & 1) == on) {
            ctx.reply().integer(on);
            return;
        }
        int lengthBefore = lengthBefore(ctx.db(), ctx.argv()[1]);
        Entry e = stringForWrite(ctx, ctx.argv()[1], offset);
        byte[] v = (byte[]) e.value();
        int byteIndex = (int) (offset >>> 3);
        int shift = 7 - (int) (offset & 7);
        int old = (v[byteIndex] >> shift) & 1;
        v[byteIndex] = (byte) ((v[byteIndex] & ~(1 << shift)) | (on << shift));
        if (lengthBefore != v.length || old != on) {
            ctx.db().notify(EventClass.STRING, "setbit", ctx.argv()[1]);
        }
        ctx.reply().integer(old);
    }

    private void getbit(CommandContext ctx) {
        long offset = bitOffset(ctx.argv()[2], 0);
        byte[] v = readString(ctx, ctx.argv()[1]);
        int byteIndex = (int) (offset >>> 3);
        if (v == null || byteIndex >= v.length) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer((v[byteIndex] >> (7 - (int) (offset & 7))) & 1);
    }

    private void bitcount(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        byte[] v = readString(ctx, argv[1]);
        if (v == null) {
            ctx.reply().integer(0);
            return;
        }
        long start;
        long end;
        boolean isBit = false;
        if (argv.length == 4 || argv.length == 5) {
            long total = v.length;
            start = Args.parseLong(argv[2]);
            end = Args.parseLong(argv[3]);
            if (argv.length == 5) {
                isBit = unit(argv[4]);
            }
            if (isBit) {
                total <<= 3;
            }
            if (start < 0 && end < 0 && start > end) {
                ctx.reply().integer(0);
                return;
            }
            long[] range = bitRange(start, end, total, isBit);
            start = range[0];
            end = range[1];
        } else if (argv.length == 2) {
            start = 0;
            end = ((long) v.length << 3) - 1;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        if (start > end) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer(countBits(v, start, end));
    }

    /**
     * Redis's range rules for BITCOUNT and BITPOS: negative indexes count from the end of
     * {@code total} units, both ends are clamped into the string; returns inclusive bit positions.
     */
    private static long[] bitRange(long start, long end, long total, boolean isBit) {
        if (start < 0) {
            start += total;
        }
        if (end < 0) {
            end += total;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= total) {
            end = total - 1;
        }
        if (!isBit) {
            start <<= 3;
            end = (end << 3) + 7;
        }
        return new long[] {start, end};
    }

    /** BYTE or BIT; anything else is a syntax error. */
    private static boolean unit(byte[] arg) {
        if (Args.is(arg, "BIT")) {
            return true;
        }
        if (Args.is(arg, "BYTE")) {
            return false;
        }
        throw new CommandException(Errors.SYNTAX);
    }

    /** Set bits between bit positions {@code start} and {@code end}, inclusive. */
    private static long countBits(byte[] v, long start, long end) {
        long count = 0;
        long bit = start;
        while (bit <= end && (bit & 7) != 0) {
            count += (v[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
            bit++;
        }
        while (bit + 7 <= end) {
            count += Integer.bitCount(v[(int) (bit >>> 3)] & 0xff);
            bit += 8;
        }
        while (bit <= end) {
            count += (v[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
            bit++;
        }
        return count;
    }

    private void bitpos(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        long bit = Args.parseLong(argv[2]);
        if (bit != 0 && bit != 1) {
            throw new CommandException("ERR The bit argument must be 1 or 0.");
        }
        byte[] v = readString(ctx, argv[1]);
        if (v == null) {
            ctx.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        long start;
        long end;
        boolean endGiven = false;
        if (argv.length >= 4 && argv.length <= 6) {
            long total = v.length;
            start = Args.parseLong(argv[3]);
            boolean isBit = argv.length == 6 && unit(argv[5]);
            if (argv.length >= 5) {
                end = Args.parseLong(argv[4]);
                endGiven = true;
            } else {
                end = isBit ? (total << 3) + 7 : total - 1;
            }
            if (isBit) {
                total <<= 3;
            }
            long[] range = bitRange(start, end, total, isBit);
            start = range[0];
            end = range[1];
        } else if (argv.length == 3) {
            start = 0;
            end = ((long) v.length << 3) - 1;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        if (start > end) {
            ctx.reply().integer(-1);
            return;
        }
        long found = findBit(v, start, end, (int) bit);
        if (found >= 0) {
            ctx.reply().integer(found);
        } else if (bit == 1 || endGiven) {
            ctx.reply().integer(-1);
        } else {
            // Looking for a clear bit with no explicit end: the string is padded with zeros on the right.
            ctx.reply().integer(end + 1);
        }
    }

    /** The first position in [start, end] holding {@code bit}, or -1. */
    private static long findBit(byte[] v, long start, long end, int bit) {
        long pos = start;
        int skip = bit == 1 ? 0 : 0xff;
        while (pos <= end) {
            if ((pos & 7) == 0 && pos + 7 <= end && (v[(int) (pos >>> 3)] & 0xff) == skip) {
                pos += 8;
                continue;
            }
            if (((v[(int) (pos >>> 3)] >> (7 - (int) (pos & 7))) & 1) == bit) {
                return pos;
            }
            pos++;
        }
        return -1;
    }

    private void bitop(CommandContext ctx) {
        byte[][] argv = ctx.argv();
        byte[] op = argv[1];
        int kind;
        if (Args.is(op, "AND")) {
            kind = 0;
        } else if (Args.is(op, "OR")) {
            kind = 1;
        } else if (Args.is(op, "XOR")) {
            kind = 2;
        } else if (Args.is(op, "NOT")) {
            kind = 3;
        } else {
            throw new CommandException(Errors.SYNTAX);
        }
        if (kind == 3 && argv.length != 4) {
            throw new CommandException("ERR BITOP NOT must be called with a single source key.");
        }
        int n = argv.length - 3;
        byte[][] sources = new byte[n][];
        int maxLength = 0;
        for (int j = 0; j < n; j++) {
            byte[] s = readString(ctx, argv[j + 3]);
            sources[j] = s == null ? EMPTY : s;
            maxLength = Math.max(maxLength, sources[j].length);
        }
        Keyspace db = ctx.db();
        if (maxLength == 0) {
            if (db.delete(argv[2])) {
                db.notify(EventClass.GENERIC, "del", argv[2]);
            }
            ctx.reply().integer(0);
            return;
        }
        byte[] result = new byte[maxLength];
        for (int i = 0; i < maxLength; i++) {
            int out = i < sources[0].length ? sources[0][i] & 0xff : 0;
            if (kind == 3) {
                out = ~out & 0xff;
            }
            for (int j = 1; j < n; j++) {
                int b = i < sources[j].length ? sources[j][i] & 0xff : 0;
                out = kind == 0 ? out & b : kind == 1 ? out | b : out ^ b;
            }
            result[i] = (byte) out;
        }
        db.put(argv[2], result).markRaw(true);
        db.notify(EventClass.STRING, "set", argv[2]);
        ctx.reply().integer(maxLength);
    }

    /** One parsed BITFIELD operation. */
    private record Op(int opcode, long offset, int bits, boolean signed, long value, int overflow) {
        static final int GET = 0;
        static final int SET = 1;
        static final int INCRBY = 2;
    }

    /**
     * Whether a BITFIELD call only reads, as Redis's bitfieldGetKeys decides for the ACL: GET and
     * OVERFLOW with their arguments alone; anything else (SET, INCRBY, a syntax error) counts as a write.
     */
    private static boolean onlyReads(byte[][] argv) {
        for (int i = 2; i < argv.length; i++) {
            int remaining = argv.length - i - 1;
            if (Args.is(argv[i], "GET") && remaining >= 2) {
                i += 2;
            } else if (Args.is(argv[i], "OVERFLOW") && remaining >= 1) {
                i += 1;
            } else {
                return false;
            }
        }
        return true;
    }

    /** BITFIELD and BITFIELD_RO: every operation is parsed before the key is touched. */
    private void bitfield(CommandContext ctx, boolean readOnlyCommand) {
        byte[][] argv = ctx.argv();
        List<Op> ops = new ArrayList<>();
        int overflow = BitField.WRAP;
        boolean readOnly = true;
        long highestWrite = 0;
        for (int j = 2; j < argv.length; j++) {
            int remaining = argv.length - j - 1;
            byte[] sub = argv[j];
            int opcode;
            if (Args.is(sub, "GET") && remaining >= 2) {
                opcode = Op.GET;
            } else if (Args.is(sub, "SET") && remaining >= 3) {
                opcode = Op.SET;
            } else if (Args.is(sub, "INCRBY") && remaining >= 3) {
                opcode = Op.INCRBY;
            } else if (Args.is(sub, "OVERFLOW") && remaining >= 1) {
                byte[] type = argv[++j];
                if (Args.is(type, "WRAP")) {
                    overflow = BitField.WRAP;
                } else if (Args.is(type, "SAT")) {
                    overflow = BitField.SAT;
                } else if (Args.is(type, "FAIL")) {
                    overflow = BitField.FAIL;
                } else {
                    throw new CommandException("ERR Invalid OVERFLOW type specified");
                }
                continue;
            } else {
                throw new CommandException(Errors.SYNTAX);
            }
            byte[] type = argv[j + 1];
            boolean signed;
            if (type.length > 0 && (type[0] == 'i' || type[0] == 'I')) {
                signed = true;
            } else if (type.length > 0 && (type[0] == 'u' || type[0] == 'U')) {
                signed = false;
            } else {
                throw new CommandException(TYPE_ERROR);
            }
            Long bits = Args.parseLongOrNull(Arrays.copyOfRange(type, 1, type.length));
            if (bits == null || bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) {
                throw new CommandException(TYPE_ERROR);
            }
            long offset = bitOffset(argv[j + 2], (int) (long) bits);
            long value = 0;
            if (opcode != Op.GET) {
                readOnly = false;
                highestWrite = Math.max(highestWrite, offset + bits - 1);
                value = Args.parseLong(argv[j + 3]);
            }
            ops.add(new Op(opcode, offset, (int) (long) bits, signed, value, overflow));
            j += opcode == Op.GET ? 2 : 3;
        }
        Entry e;
        boolean grows = false;
        long mark = ctx.db().changeMark();
        if (readOnly) {
            e = ctx.db().lookupRead(argv[1], !ctx.client().noTouch());
            if (e != null && !(e.value() instanceof byte[])) {
                throw new CommandException(Errors.WRONGTYPE);
            }
        } else {
            if (readOnlyCommand) {
                throw new CommandException("ERR BITFIELD_RO only supports the GET subcommand");
            }
            e = ctx.db().lookupWrite(argv[1]);
            mark = ctx.db().changeMark(); // after the lookup: a lazy expiry is not this command's change
            if (e != null && !(e.value() instanceof byte[])) {
                throw new CommandException(Errors.WRONGTYPE);
            }
            grows = e == null || ((byte[]) e.value()).length < (int) ((highestWrite >>> 3) + 1);
            if (grows) {
                e = stringForWrite(ctx, argv[1], highestWrite);
            }
        }
        // Redis counts a write as a change when the string was created or grown, or the value changed;
        // a string that neither grows nor changes is not signalled (watchers, change counter, AOF). A value
        // that may be shared (not raw) is written in a copy, stored only if something changed.
        boolean dirty = grows;
        boolean inCopy = !readOnly && !grows && !e.raw();
        byte[] v = e == null ? EMPTY : inCopy ? ((byte[]) e.value()).clone() : (byte[]) e.value();
        ReplySink reply = ctx.reply();
        reply.array(ops.size());
        long[] limit = new long[1];
        int changes = 0;
        for (Op op : ops) {
            if (op.opcode() == Op.GET) {
                reply.integer(op.signed() ? BitField.getSigned(v, op.offset(), op.bits())
                        : BitField.getUnsigned(v, op.offset(), op.bits()));
                continue;
            }
            long old = op.signed() ? BitField.getSigned(v, op.offset(), op.bits())
                    : BitField.getUnsigned(v, op.offset(), op.bits());
            long newValue;
            long result;
            boolean overflowed;
            if (op.opcode() == Op.INCRBY) {
                overflowed = op.signed() ? BitField.signedOverflow(old, op.value(), op.bits(), op.overflow(), limit)
                        : BitField.unsignedOverflow(old, op.value(), op.bits(), op.overflow(), limit);
                newValue = overflowed ? limit[0] : old + op.value();
                result = newValue;
            } else {
                overflowed = op.signed() ? BitField.signedOverflow(op.value(), 0, op.bits(), op.overflow(), limit)
                        : BitField.unsignedOverflow(op.value(), 0, op.bits(), op.overflow(), limit);
                newValue = overflowed ? limit[0] : op.value();
                result = old;
            }
            if (overflowed && op.overflow() == BitField.FAIL) {
                reply.nullBulk();
            } else {
                reply.integer(result);
                BitField.set(v, op.offset(), op.bits(), newValue);
                if (dirty || old != newValue) {
                    changes++;
                }
            }
        }
        if (changes > 0 && !readOnly && !grows) {
            if (inCopy) {
                ctx.db().update(e, v);
                e.markRaw(true);
            } else {
                ctx.db().modified(e, 0);
            }
        }
        if (!readOnly) {
            ctx.db().countChangesSince(mark, changes); // Redis counts each field that changed
        }
        if (changes > 0) {
            ctx.db().notify(EventClass.STRING, "setbit", argv[1]);
        }
    }
}
