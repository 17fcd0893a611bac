package io.redoubt.dataplane.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns the replies of the shards one request went to into the client's one reply, as {@link Merge} says. */
final class ReplyMerger {
    private ReplyMerger() {
    }

    /**
     * @param replies for each shard of the plan, in plan order, its reply frames
     * @return the client's reply; the frames are released
     */
    static ByteBuf merge(ByteBufAllocator alloc, Plan plan, List<List<ByteBuf>> replies) {
        try {
            return switch (plan.merge()) {
                case ONLY -> concat(alloc, replies.get(0));
                case ALL_SUCCEEDED -> {
                    ByteBuf error = firstError(replies);
                    yield error != null ? copy(alloc, error) : concat(alloc, replies.get(0));
                }
                case SUM -> sum(alloc, replies);
                case CONCAT -> joinArrays(alloc, replies);
                case MGET -> mget(alloc, plan, replies);
                case SCAN -> scan(alloc, plan, replies.get(0).get(0));
                case ANY_NON_NULL -> anyNonNull(alloc, replies);
                case PICK -> pick(alloc, plan, replies);
                case INFO -> info(alloc, replies);
                case SLOWLOG -> slowlog(alloc, plan, replies);
            };
        } finally {
            for (List<ByteBuf> frames : replies) {
                frames.forEach(ByteBuf::release);
            }
        }
    }

    static ByteBuf error(ByteBufAllocator alloc, String text) {
        return alloc.buffer().writeBytes(("-" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isError(ByteBuf frame) {
        byte t = frame.getByte(frame.readerIndex());
        return t == '-' || t == '!';
    }

    private static ByteBuf firstError(List<List<ByteBuf>> replies) {
        for (List<ByteBuf> frames : replies) {
            for (ByteBuf f : frames) {
                if (isError(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static ByteBuf copy(ByteBufAllocator alloc, ByteBuf frame) {
        return alloc.buffer(frame.readableBytes()).writeBytes(frame, frame.readerIndex(), frame.readableBytes());
    }

    private static ByteBuf concat(ByteBufAllocator alloc, List<ByteBuf> frames) {
        ByteBuf out = alloc.buffer();
        for (ByteBuf f : frames) {
            out.writeBytes(f, f.readerIndex(), f.readableBytes());
        }
        return out;
    }

    private static ByteBuf sum(ByteBufAllocator alloc, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        long total = 0;
        for (List<ByteBuf> frames : replies) {
            ByteBuf f = frames.get(0);
            total += ReplyFramer.parseLong(f, f.readerIndex() + 1, f.writerIndex() - 2);
        }
        return alloc.buffer().writeBytes((":" + total + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The index just past the header line of an aggregate frame. */
    private static int bodyStart(ByteBuf f) {
        return f.indexOf(f.readerIndex(), f.writerIndex(), (byte) '\n') + 1;
    }

    private static long count(ByteBuf f) {
        return ReplyFramer.parseLong(f, f.readerIndex() + 1, bodyStart(f) - 2);
    }

    private static ByteBuf joinArrays(ByteBufAllocator alloc, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        long n = 0;
        for (List<ByteBuf> frames : replies) {
            n += count(frames.get(0));
        }
        ByteBuf out = alloc.buffer().writeBytes(("*" + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (List<ByteBuf> frames : replies) {
            ByteBuf f = frames.get(0);
            int body = bodyStart(f);
            out.writeBytes(f, body, f.writerIndex() - body);
        }
        return out;
    }

    /** Puts each key's value back at the key's place: positions[n] = {shard, index in that shard's reply}. */
    private static ByteBuf mget(ByteBufAllocator alloc, Plan plan, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        int[][] starts = new int[replies.size()][];
        int[][] lengths = new int[replies.size()][];
        for (int r = 0; r < replies.size(); r++) {
            ByteBuf f = replies.get(r).get(0);
            int n = (int) count(f);
            starts[r] = new int[n];
            lengths[r] = new int[n];
            int pos = bodyStart(f);
            for (int i = 0; i < n; i++) {
                int len = ReplyFramer.frameLength(f, pos);
                starts[r][i] = pos;
                lengths[r][i] = len;
                pos += len;
            }
        }
        int[][] positions = plan.positions();
        ByteBuf out = alloc.buffer().writeBytes(("*" + positions.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int[] p : positions) {
            int r = indexOf(plan.shards(), p[0]);
            out.writeBytes(replies.get(r).get(0), starts[r][p[1]], lengths[r][p[1]]);
        }
        return out;
    }

    private static int indexOf(int[] shards, int shard) {
        for (int i = 0; i < shards.length; i++) {
            if (shards[i] == shard) {
                return i;
            }
        }
        throw new IllegalStateException("shard " + shard + " not in the plan");
    }

    /** Rewrites SCAN's cursor: the shard's next cursor x shards + shard, or the next shard's start. */
    private static ByteBuf scan(ByteBufAllocator alloc, Plan plan, ByteBuf f) {
        if (isError(f)) {
            return copy(alloc, f);
        }
        int header = bodyStart(f);                       // after "*2\r\n"
        int lenLine = f.indexOf(header, f.writerIndex(), (byte) '\n') + 1;
        int len = (int) ReplyFramer.parseLong(f, header + 1, lenLine - 2);
        long inner = Long.parseUnsignedLong(f.toString(lenLine, len, StandardCharsets.US_ASCII));
        long shards = plan.pick(); // SCAN plans carry the shard count there
        long shard = plan.scanShard();
        long next;
        if (inner != 0) {
            next = inner * shards + shard;
        } else {
            next = shard + 1 < shards ? shard + 1 : 0;
        }
        byte[] cursor = Long.toUnsignedString(next).getBytes(StandardCharsets.US_ASCII);
        int rest = lenLine + len + 2;
        ByteBuf out = alloc.buffer();
        out.writeBytes(f, f.readerIndex(), header - f.readerIndex());
        out.writeBytes(("$" + cursor.length + "\r\n").getBytes(StandardCharsets.US_ASCII)).writeBytes(cursor)
                .writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(f, rest, f.writerIndex() - rest);
        return out;
    }

    private static ByteBuf anyNonNull(ByteBufAllocator alloc, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        for (List<ByteBuf> frames : replies) {
            ByteBuf f = frames.get(0);
            byte t = f.getByte(f.readerIndex());
            boolean nil = t == '_' || (t == '$' && f.getByte(f.readerIndex() + 1) == '-');
            if (!nil) {
                return copy(alloc, f);
            }
        }
        return copy(alloc, replies.get(0).get(0));
    }

    /** INFO's text (a bulk string, or a verbatim one under RESP3) merged over the shards. */
    private static ByteBuf info(ByteBufAllocator alloc, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        ByteBuf first = replies.get(0).get(0);
        boolean verbatim = first.getByte(first.readerIndex()) == '=';
        List<String> texts = new java.util.ArrayList<>();
        for (List<ByteBuf> frames : replies) {
            ByteBuf f = frames.get(0);
            int body = bodyStart(f);
            String text = f.toString(body, f.writerIndex() - 2 - body, StandardCharsets.UTF_8);
            texts.add(verbatim ? text.substring(4) : text); // "txt:"
        }
        byte[] merged = ((verbatim ? "txt:" : "") + InfoMerge.merge(texts)).getBytes(StandardCharsets.UTF_8);
        return alloc.buffer(merged.length + 16).writeByte(verbatim ? '=' : '$')
                .writeBytes(Integer.toString(merged.length).getBytes(StandardCharsets.US_ASCII))
                .writeBytes(new byte[] {'\r', '\n'}).writeBytes(merged).writeBytes(new byte[] {'\r', '\n'});
    }

    /**
     * SLOWLOG GET over shards: the entries of all, newest first, cut to the count asked. Entries carry
     * whole seconds and per-shard ids, so within one second the shards' entries interleave by id.
     */
    private static ByteBuf slowlog(ByteBufAllocator alloc, Plan plan, List<List<ByteBuf>> replies) {
        ByteBuf error = firstError(replies);
        if (error != null) {
            return copy(alloc, error);
        }
        record Entry(ByteBuf frame, int start, int length, long time, long id) {
        }
        List<Entry> entries = new java.util.ArrayList<>();
        for (List<ByteBuf> frames : replies) {
            ByteBuf f = frames.get(0);
            int n = (int) count(f);
            int pos = bodyStart(f);
            for (int i = 0; i < n; i++) {
                int length = ReplyFramer.frameLength(f, pos);
                int idLine = f.indexOf(pos, pos + length, (byte) '\n') + 1;        // after "*6"
                int timeLine = f.indexOf(idLine, pos + length, (byte) '\n') + 1;   // after ":id"
                int timeEnd = f.indexOf(timeLine, pos + length, (byte) '\n') + 1;  // after ":time"
                long id = ReplyFramer.parseLong(f, idLine + 1, timeLine - 2);
                long time = ReplyFramer.parseLong(f, timeLine + 1, timeEnd - 2);
                entries.add(new Entry(f, pos, length, time, id));
                pos += length;
            }
        }
        entries.sort(java.util.Comparator.comparingLong(Entry::time).thenComparingLong(Entry::id).reversed());
        int keep = plan.pick() < 0 ? entries.size() : Math.min(plan.pick(), entries.size());
        ByteBuf out = alloc.buffer().writeBytes(("*" + keep + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Entry e : entries.subList(0, keep)) {
            out.writeBytes(e.frame(), e.start(), e.length());
        }
        return out;
    }

    private static ByteBuf pick(ByteBufAllocator alloc, Plan plan, List<List<ByteBuf>> replies) {
        if (plan.pick() < 0) {
            return error(alloc, RoutePlanner.EXECABORT);
        }
        return concat(alloc, replies.get(indexOf(plan.shards(), plan.pick())));
    }
}
