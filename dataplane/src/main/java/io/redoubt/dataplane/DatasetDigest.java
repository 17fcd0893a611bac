package io.redoubt.dataplane;

import io.redoubt.engine.hashes.HashValue;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.sets.SetValue;
import io.redoubt.engine.streams.StreamId;
import io.redoubt.engine.streams.StreamValue;
import io.redoubt.engine.zsets.SortedSetValue;
import io.redoubt.resp.DoubleFormat;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * DEBUG DIGEST and DIGEST-VALUE: the same function of the data as Redis 7.0's debug.c, so that a data
 * set's digest is equal on Redoubt and on Redis (replication and persistence tests compare them).
 *
 * <p>Two primitives over a 20-byte state: <em>xor</em> ({@code d ^= SHA1(data)}, order-free, for keys
 * and for members of sets, hashes and sorted sets) and <em>mix</em> ({@code d = SHA1(d ^ SHA1(data))},
 * order-bound, for list elements, stream entries and the parts of one pair). A pair's or a key's own
 * 20-byte digest is xored in like any data, hashed once more. A value's digest starts
 * with its Redis type number (big-endian 32 bits); a key with an expiry xors in {@code "!!expire!!"}
 * (the time itself is left out, as Redis leaves it out). The whole data set mixes in each non-empty
 * database's number before xoring in its keys. Integers are their decimal text and scores C's
 * {@code %.17g}, as Redis prints them whatever the encoding.
 */
final class DatasetDigest {
    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha1;

    DatasetDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    /** DEBUG DIGEST: every database of the shard; forty zeros when it holds no key. */
    String ofDataset(Shard shard) {
        byte[] result = new byte[20];
        byte[] keyDigest = new byte[20];
        for (int i = 0; i < shard.databaseCount(); i++) {
            Keyspace db = shard.db(i);
            if (db.size() == 0) {
                continue;
            }
            mix(result, bigEndian(i));
            db.forEachEntry(e -> {
                java.util.Arrays.fill(keyDigest, (byte) 0);
                mix(keyDigest, e.key());
                value(keyDigest, e);
                xor(result, keyDigest);
            });
        }
        return HexFormat.of().formatHex(result);
    }

    /** DEBUG DIGEST-VALUE for one key: its value alone (not its name); forty zeros when missing. */
    String ofValue(Entry e) {
        byte[] d = new byte[20];
        if (e != null) {
            value(d, e);
        }
        return HexFormat.of().formatHex(d);
    }

    private void value(byte[] d, Entry e) {
        Object v = e.value();
        mix(d, bigEndian(redisTypeNumber(e)));
        if (v instanceof byte[] s) {
            mix(d, s);
        } else if (v instanceof ListValue list) {
            for (ListValue.Cursor c = list.cursor(0); c.valid(); c.forward()) {
                mix(d, c.value());
            }
        } else if (v instanceof SetValue set) {
            set.forEach(m -> xor(d, m));
        } else if (v instanceof SortedSetValue zset) {
            byte[] element = new byte[20];
            zset.forEachAscending((m, score) -> {
                java.util.Arrays.fill(element, (byte) 0);
                mix(element, m);
                mix(element, DoubleFormat.g17(score).getBytes(StandardCharsets.US_ASCII));
                xor(d, element);
            });
        } else if (v instanceof HashValue hash) {
            byte[] element = new byte[20];
            hash.forEach((f, value) -> {
                java.util.Arrays.fill(element, (byte) 0);
                mix(element, f);
                mix(element, value);
                xor(d, element);
            });
        } else if (v instanceof StreamValue stream) {
            stream.range(StreamId.MIN, StreamId.MAX, false, (id, fieldsAndValues) -> {
                mix(d, (Long.toUnsignedString(id.ms()) + "." + Long.toUnsignedString(id.seq()))
                        .getBytes(StandardCharsets.US_ASCII));
                for (byte[] part : fieldsAndValues) {
                    mix(d, part);
                }
                return true;
            });
        } else {
            throw new IllegalStateException("no digest for " + v.getClass().getName());
        }
        if (e.hasExpiry()) {
            xor(d, EXPIRE_MARK);
        }
    }

    /** Redis's OBJ_STRING .. OBJ_STREAM numbers (5 is modules, which Redoubt has none of). */
    private static int redisTypeNumber(Entry e) {
        return switch (e.type()) {
            case STRING -> 0;
            case LIST -> 1;
            case SET -> 2;
            case ZSET -> 3;
            case HASH -> 4;
            case STREAM -> 6;
        };
    }

    private void xor(byte[] d, byte[] data) {
        xorBytes(d, sha1.digest(data));
    }

    private void mix(byte[] d, byte[] data) {
        xor(d, data);
        System.arraycopy(sha1.digest(d), 0, d, 0, 20);
    }

    private static void xorBytes(byte[] d, byte[] other) {
        for (int i = 0; i < 20; i++) {
            d[i] ^= other[i];
        }
    }

    private static byte[] bigEndian(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
