package io.redoubt.engine.streams;

import io.redoubt.engine.command.CommandContext;
import io.redoubt.engine.command.TypedLookup;
import io.redoubt.engine.command.CommandException;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.resp.ReplySink;
import java.util.ArrayList;
import java.util.List;

/** Lookups and reply shapes shared by the stream command families. */
final class StreamReplies {
    static final String NOGROUP_KEY_OR_GROUP = "NOGROUP No such key '%s' or consumer group '%s'";

    private StreamReplies() {
    }

    /** The stream at {@code key} for reading, null when absent; WRONGTYPE for other types. */
    static StreamValue read(CommandContext ctx, byte[] key) {
        return TypedLookup.read(ctx, key, StreamValue.class);
    }

    /** The entry at {@code key} for writing, null when absent; WRONGTYPE for other types. */
    static Entry write(CommandContext ctx, byte[] key) {
        return TypedLookup.write(ctx.db(), key, StreamValue.class);
    }

    static String text(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One entry as Redis replies it: the ID, then the flat field/value array. */
    static void entry(ReplySink r, StreamId id, byte[][] fv) {
        r.array(2);
        r.bulk(id.bytes());
        if (fv == null) {
            r.nullArray();
            return;
        }
        r.array(fv.length);
        for (byte[] x : fv) {
            r.bulk(x);
        }
    }

    /** An entry as collected from a range walk. */
    record Item(StreamId id, byte[][] fv) {
    }

    /** Up to {@code count} live entries in the range ({@code count} 0: all). */
    static List<Item> collect(StreamValue s, StreamId start, StreamId end, long count, boolean rev) {
        List<Item> out = new ArrayList<>();
        s.range(start, end, rev, (id, fv) -> {
            out.add(new Item(id, fv));
            return count == 0 || out.size() < count;
        });
        return out;
    }

    static void items(ReplySink r, List<Item> items) {
        r.array(items.size());
        for (Item i : items) {
            entry(r, i.id(), i.fv());
        }
    }

    /**
     * An interval bound as streamParseIntervalIDOrReply reads it: {@code (} makes it exclusive (then
     * the rest must be a plain ID), else {@code -}, {@code +} or an ID with {@code missingSeq}.
     * Returns the inclusive bound, or throws the interval errors.
     */
    static StreamId intervalStart(byte[] arg) {
        if (arg.length > 1 && arg[0] == '(') {
            StreamId id = StreamId.parseStrict(java.util.Arrays.copyOfRange(arg, 1, arg.length));
            StreamId next = id.next();
            if (next == null) {
                throw new CommandException("ERR invalid start ID for the interval");
            }
            return next;
        }
        return StreamId.parse(arg, 0);
    }

    static StreamId intervalEnd(byte[] arg) {
        if (arg.length > 1 && arg[0] == '(') {
            StreamId id = StreamId.parseStrict(java.util.Arrays.copyOfRange(arg, 1, arg.length));
            StreamId prev = id.previous();
            if (prev == null) {
                throw new CommandException("ERR invalid end ID for the interval");
            }
            return prev;
        }
        return StreamId.parse(arg, -1L);
    }
}
