package io.redoubt.persistence;

import io.redoubt.engine.hashes.HashValue;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.sets.SetValue;
import io.redoubt.engine.zsets.SortedSetValue;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one value body of a given RDB type into the engine's representation, the inverse of
 * {@link ValueEncoder}, plus the older encodings a Redis 7.0 file may still carry (ziplist-based
 * lists, hashes and sorted sets, text-scored sorted sets). Values are rebuilt through the engine's
 * own insertion paths with the configured limits, so they end in the encoding Redis would give them
 * on load. Duplicates and empty collections are refused as Redis refuses them.
 */
final class ValueDecoder {
    private ValueDecoder() {
    }

    /** The value, or null for an empty collection (Redis skips such keys). */
    static Object read(RdbInput in, int type, EncodingLimits limits) throws IOException {
        switch (type) {
            case RdbType.STRING -> {
                return in.string();
            }
            case RdbType.LIST -> {
                int n = in.count();
                ListValue l = ListValue.create(limits);
                for (int i = 0; i < n; i++) {
                    l.pushTail(in.string());
                }
                return l.isEmpty() ? null : l;
            }
            case RdbType.LIST_QUICKLIST, RdbType.LIST_QUICKLIST_2 -> {
                int nodes = in.count();
                ListValue l = ListValue.create(limits);
                for (int i = 0; i < nodes; i++) {
                    int container = type == RdbType.LIST_QUICKLIST_2 ? (int) in.length() : 2;
                    byte[] blob = in.string();
                    if (container == 1) {
                        l.pushTail(blob);
                        continue;
                    }
                    if (container != 2) {
                        throw new RdbFormatException("unknown quicklist container " + container);
                    }
                    List<byte[]> elements = type == RdbType.LIST_QUICKLIST_2 ? Listpack.decode(blob) : Ziplist.decode(blob);
                    if (elements.isEmpty()) {
                        throw new RdbFormatException("empty quicklist node");
                    }
                    elements.forEach(l::pushTail);
                }
                return l.isEmpty() ? null : l;
            }
            case RdbType.LIST_ZIPLIST -> {
                ListValue l = ListValue.create(limits);
                Ziplist.decode(in.string()).forEach(l::pushTail);
                return l.isEmpty() ? null : l;
            }
            case RdbType.SET -> {
                int n = in.count();
                SetValue s = null;
                for (int i = 0; i < n; i++) {
                    byte[] m = in.string();
                    if (s == null) {
                        s = n > limits.setMaxIntsetEntries() ? SetValue.createFor(new byte[] {'x'}) : SetValue.createFor(m);
                    }
                    if (!s.add(m, limits.setMaxIntsetEntries())) {
                        throw new RdbFormatException("duplicate set members detected");
                    }
                }
                return s;
            }
            case RdbType.SET_INTSET -> {
                return intset(in.string(), limits);
            }
            case RdbType.HASH -> {
                int n = in.count();
                HashValue h = new HashValue();
                for (int i = 0; i < n; i++) {
                    byte[] f = in.string();
                    byte[] v = in.string();
                    if (!h.set(f, v, limits)) {
                        throw new RdbFormatException("duplicate hash fields detected");
                    }
                }
                return n == 0 ? null : h;
            }
            case RdbType.HASH_LISTPACK, RdbType.HASH_ZIPLIST -> {
                byte[] blob = in.string();
                List<byte[]> flat = type == RdbType.HASH_LISTPACK ? Listpack.decode(blob) : Ziplist.decode(blob);
                if (flat.size() % 2 != 0) {
                    throw new RdbFormatException("hash listpack with an odd number of entries");
                }
                HashValue h = new HashValue();
                for (int i = 0; i < flat.size(); i += 2) {
                    if (!h.set(flat.get(i), flat.get(i + 1), limits)) {
                        throw new RdbFormatException("duplicate hash fields detected");
                    }
                }
                return flat.isEmpty() ? null : h;
            }
            case RdbType.ZSET, RdbType.ZSET_2 -> {
                int n = in.count();
                SortedSetValue z = n > limits.zsetMaxListpackEntries() ? SortedSetValue.emptySkiplist() : SortedSetValue.empty();
                for (int i = 0; i < n; i++) {
                    byte[] m = in.string();
                    double score = type == RdbType.ZSET_2 ? in.binaryDouble() : in.textDouble();
                    zadd(z, m, score, limits);
                }
                return n == 0 ? null : z;
            }
            case RdbType.ZSET_LISTPACK, RdbType.ZSET_ZIPLIST -> {
                byte[] blob = in.string();
                List<byte[]> flat = type == RdbType.ZSET_LISTPACK ? Listpack.decode(blob) : Ziplist.decode(blob);
                if (flat.size() % 2 != 0) {
                    throw new RdbFormatException("sorted set listpack with an odd number of entries");
                }
                SortedSetValue z = SortedSetValue.empty();
                for (int i = 0; i < flat.size(); i += 2) {
                    zadd(z, flat.get(i), ScoreText.parse(flat.get(i + 1)), limits);
                }
                return flat.isEmpty() ? null : z;
            }
            case RdbType.STREAM_LISTPACKS, RdbType.STREAM_LISTPACKS_2 -> {
                return StreamCodec.read(in, type == RdbType.STREAM_LISTPACKS_2);
            }
            case RdbType.MODULE_PRE_GA, RdbType.MODULE_2 -> throw new ModuleDataException();
            case RdbType.HASH_ZIPMAP -> throw new RdbFormatException("zipmap-encoded hashes (RDB before 4.0) are not supported");
            default -> throw new RdbFormatException("unknown value type " + type);
        }
    }

    private static void zadd(SortedSetValue z, byte[] m, double score, EncodingLimits limits) {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("sorted set score is NaN");
        }
        if (!Double.isNaN(z.score(m))) {
            throw new RdbFormatException("duplicate sorted set members detected");
        }
        z.insert(m, score, limits);
    }

    private static SetValue intset(byte[] blob, EncodingLimits limits) {
        if (blob.length < 8) {
            throw new RdbFormatException("intset too short");
        }
        int width = (int) Listpack.getLe(blob, 0, 4);
        long n = Listpack.getLe(blob, 4, 4);
        if ((width != 2 && width != 4 && width != 8) || 8 + n * width != blob.length) {
            throw new RdbFormatException("intset header does not match its size");
        }
        if (n == 0) {
            return null;
        }
        SetValue s = SetValue.createIntset();
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long u = Listpack.getLe(blob, 8 + i * width, width);
            long v = (u << (64 - 8 * width)) >> (64 - 8 * width);
            if (i > 0 && v <= previous) {
                throw new RdbFormatException("intset not sorted or with duplicates");
            }
            previous = v;
            s.add(RdbStrings.ascii(v), limits.setMaxIntsetEntries());
        }
        return s;
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
