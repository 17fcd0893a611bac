package io.redoubt.persistence;

import io.redoubt.engine.hashes.HashValue;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.sets.SetValue;
import io.redoubt.engine.zsets.SortedSetValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one value as Redis 7.0's rdbSaveObjectType + rdbSaveObject do: the type byte chosen by the
 * value's encoding, then its body. Lists become a quicklist of listpack nodes of at most 8 KB (the
 * default list-max-listpack-size -2), small hashes and sorted sets one listpack, intsets an intset
 * blob, big sets, hashes and sorted sets plain element sequences with binary double scores.
 */
final class ValueEncoder {
    /** list-max-listpack-size -2: 8 KB per quicklist node. */
    private static final int LIST_NODE_BYTES = 8192;
    private static final int QUICKLIST_NODE_PACKED = 2;

    private ValueEncoder() {
    }

    /** A value alone, as DUMP serializes it: type byte, then body. */
    static void write(RdbOutput out, Object value) throws IOException {
        writeKeyed(out, null, value);
    }

    /** Type byte, the key (when not null, as in an RDB file), then the body. */
    static void writeKeyed(RdbOutput out, byte[] key, Object value) throws IOException {
        out.writeByte(type(value));
        if (key != null) {
            out.string(key);
        }
        if (value instanceof byte[] s) {
            out.string(s);
        } else if (value instanceof ListValue l) {
            list(out, l);
        } else if (value instanceof SetValue s) {
            if (s.isIntset()) {
                out.string(intset(s));
            } else {
                out.length(s.size());
                forEach(s, out);
            }
        } else if (value instanceof HashValue h) {
            hash(out, h);
        } else if (value instanceof SortedSetValue z) {
            zset(out, z);
        } else if (value instanceof io.redoubt.engine.streams.StreamValue st) {
            StreamCodec.write(out, st);
        } else {
            throw new IllegalArgumentException("no RDB encoding for " + value.getClass().getName());
        }
    }

    static int type(Object value) {
        if (value instanceof byte[]) {
            return RdbType.STRING;
        } else if (value instanceof ListValue) {
            return RdbType.LIST_QUICKLIST_2;
        } else if (value instanceof SetValue s) {
            return s.isIntset() ? RdbType.SET_INTSET : RdbType.SET;
        } else if (value instanceof HashValue h) {
            return h.isListpack() ? RdbType.HASH_LISTPACK : RdbType.HASH;
        } else if (value instanceof SortedSetValue z) {
            return z.encoding().equals("listpack") ? RdbType.ZSET_LISTPACK : RdbType.ZSET_2;
        } else if (value instanceof io.redoubt.engine.streams.StreamValue) {
            return RdbType.STREAM_LISTPACKS_2;
        }
        throw new IllegalArgumentException("no RDB encoding for " + value.getClass().getName()
);
    }

    private static void list(RdbOutput out, ListValue l) throws IOException {
        List<byte[]> nodes = new ArrayList<>();
        List<byte[]> pending = new ArrayList<>();
        Listpack lp = new Listpack();
        for (ListValue.Cursor c = l.cursor(0); c.valid(); c.forward()) {
            byte[] e = c.value();
            lp.add(e);
            if (lp.count() > 1 && lp.size() > LIST_NODE_BYTES) {
                // this element does not fit: close the node without it and start the next with it
                Listpack closed = new Listpack();
                pending.forEach(closed::add);
                nodes.add(closed.bytes());
                pending.clear();
                lp = new Listpack().add(e);
            }
            pending.add(e);
        }
        if (!pending.isEmpty()) {
            nodes.add(lp.bytes());
        }
        out.length(nodes.size());
        for (byte[] node : nodes) {
            out.length(QUICKLIST_NODE_PACKED);
            out.string(node);
        }
    }

    private static void forEach(SetValue s, RdbOutput out) throws IOException {
        try {
            s.forEach(m -> {
                try {
                    out.string(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Redis's intset blob: encoding width, count, then the sorted values, all little-endian. */
    static byte[] intset(SetValue s) {
        long[] values = new long[s.size()];
        int[] n = {0};
        s.forEach(m -> values[n[0]++] = Long.parseLong(new String(m, java.nio.charset.StandardCharsets.US_ASCII)));
        int width = 2;
        for (long v : values) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
                break;
            }
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                width = 4;
            }
        }
        byte[] out = new byte[8 + width * values.length];
        put(out, 0, width, 4);
        put(out, 4, values.length, 4);
        for (int i = 0; i < values.length; i++) {
            put(out, 8 + i * width, values[i], width);
        }
        return out;
    }

    private static void put(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void hash(RdbOutput out, HashValue h) throws IOException {
        if (h.isListpack()) {
            Listpack lp = new Listpack();
            h.forEach((f, v) -> {
                lp.add(f);
                lp.add(v);
            });
            out.string(lp.bytes());
            return;
        }
        out.length(h.size());
        List<byte[]> flat = new ArrayList<>(2 * h.size());
        h.forEach((f, v) -> {
            flat.add(f);
            flat.add(v);
        });
        for (byte[] b : flat) {
            out.string(b);
        }
    }

    private static void zset(RdbOutput out, SortedSetValue z) throws IOException {
        List<byte[]> members = new ArrayList<>(z.size());
        List<Double> scores = new ArrayList<>(z.size());
        z.forEachAscending((m, s) -> {
            members.add(m);
            scores.add(s);
        });
        if (z.encoding().equals("listpack")) {
            Listpack lp = new Listpack();
            for (int i = 0; i < members.size(); i++) {
                lp.add(members.get(i));
                lp.add(ScoreText.of(scores.get(i)));
            }
            out.string(lp.bytes());
            return;
        }
        out.length(members.size());
        // Redis writes from the tail so that loading inserts at the head; any order loads.
        for (int i = members.size() - 1; i >= 0; i--) {
            out.string(members.get(i));
            out.binaryDouble(scores.get(i));
        }
    }
}
