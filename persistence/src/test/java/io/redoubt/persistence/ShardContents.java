package io.redoubt.persistence;

import io.redoubt.engine.hashes.HashValue;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.sets.SetValue;
import io.redoubt.engine.zsets.SortedSetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds shards holding every type in both encodings, and renders a shard as comparable text. */
final class ShardContents {
    private ShardContents() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Fills db 0 and db 3 with small and large values of every saved type, some with expiries. */
    static void fill(Shard shard, long now) {
        EncodingLimits limits = shard.encodingLimits();
        Keyspace db = shard.db(0);
        db.put(b("str"), b("hello"));
        db.put(b("int"), b("12345"));
        db.put(b("bigint"), b("-9223372036854775808"));
        db.put(b("long"), b("abc".repeat(1000)));
        byte[] bin = new byte[300];
        for (int i = 0; i < bin.length; i++) {
            bin[i] = (byte) (i * 7);
        }
        db.put(b("bin"), bin);
        Entry ttl = db.put(b("ttl"), b("soon"));
        db.setExpiry(ttl, now + 3_600_000);
        for (int size : new int[] {5, 5000}) {
            ListValue l = new ListValue();
            for (int i = 0; i < size; i++) {
                l.pushTail(b(i % 3 == 0 ? Integer.toString(i) : "item-" + i));
            }
            db.put(b("list" + size), l);
            SetValue ints = SetValue.createIntset();
            SetValue strs = SetValue.createFor(b("x"));
            HashValue h = new HashValue();
            SortedSetValue z = SortedSetValue.empty();
            for (int i = 0; i < size; i++) {
                ints.add(b(Long.toString(i * 1_000_003L - 70000)), limits.setMaxIntsetEntries());
                strs.add(b("m" + i), limits.setMaxIntsetEntries());
                h.set(b("f" + i), b(i % 2 == 0 ? Integer.toString(i) : "v" + i), limits);
                z.insert(b("z" + i), i % 4 == 0 ? i : i / 3.0 - 100, limits);
            }
            db.put(b("intset" + size), ints);
            db.put(b("set" + size), strs);
            db.put(b("hash" + size), h);
            Entry ze = db.put(b("zset" + size), z);
            db.setExpiry(ze, now + 7_200_000 + size);
        }
        SortedSetValue inf = SortedSetValue.empty();
        inf.insert(b("a"), Double.NEGATIVE_INFINITY, limits);
        inf.insert(b("b"), Double.POSITIVE_INFINITY, limits);
        inf.insert(b("c"), 3.141592653589793, limits);
        db.put(b("zinf"), inf);
        shard.db(3).put(b("other"), b("db3"));
    }

    /** Every key of every database with its type, contents (order-free where the type is) and expiry. */
    static String render(Shard shard) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shard.databaseCount(); i++) {
            TreeMap<String, String> keys = new TreeMap<>();
            int index = i;
            shard.db(i).forEachEntry(e -> keys.put(text(e.key()), render(e)));
            keys.forEach((k, v) -> out.append(index).append(' ').append(k).append(" = ").append(v).append('\n'));
        }
        return out.toString();
    }

    private static String render(Entry e) {
        String exp = e.hasExpiry() ? " expires " + e.expireAt() : "";
        Object v = e.value();
        if (v instanceof byte[] s) {
            return "string " + text(s) + exp;
        }
        if (v instanceof ListValue l) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                items.add(text(l.get(i)));
            }
            return "list " + items + exp;
        }
        if (v instanceof SetValue s) {
            TreeSet<String> m = new TreeSet<>();
            s.forEach(x -> m.add(text(x)));
            return "set " + m + exp;
        }
        if (v instanceof HashValue h) {
            TreeMap<String, String> m = new TreeMap<>();
            h.forEach((f, x) -> m.put(text(f), text(x)));
            return "hash " + m + exp;
        }
        if (v instanceof SortedSetValue z) {
            List<String> m = new ArrayList<>();
            z.forEachAscending((x, s) -> m.add(text(x) + ":" + s));
            return "zset " + m + exp;
        }
        return v.getClass().getSimpleName();
    }

    static String text(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
