package io.redoubt.backup;

import io.redoubt.engine.hashes.HashValue;
import io.redoubt.engine.keyspace.EncodingLimits;
import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import io.redoubt.engine.lists.ListValue;
import io.redoubt.engine.sets.SetValue;
import io.redoubt.engine.zsets.SortedSetValue;
import io.redoubt.persistence.DumpPayload;
import io.redoubt.persistence.RdbLoadException;
import io.redoubt.persistence.RdbLoader;
import io.redoubt.persistence.RdbWriter;
import io.redoubt.persistence.ShardSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Real engine shards filled with every common type from a seeded Random, the node's side of a backup
 * over them (persistence's RdbWriter over a snapshot, as the node will do it), and a rendering of a
 * shard's whole contents for comparing a restore with its source.
 */
final class TestShards implements ShardSnapshots {
    final List<Shard> shards;

    private TestShards(List<Shard> shards) {
        this.shards = shards;
    }

    static Shard emptyShard() {
        return new Shard(0, 16, InstantSource.system(), ShardSettings.DEFAULT);
    }

    static TestShards filled(int count, int keysPerShard, long seed) {
        Random r = new Random(seed);
        List<Shard> shards = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Shard shard = emptyShard();
            EncodingLimits limits = shard.encodingLimits();
            Keyspace db0 = shard.db(0);
            Keyspace db3 = shard.db(3);
            for (int k = 0; k < keysPerShard; k++) {
                String key = "shard" + s + ":key" + k;
                Keyspace db = k % 10 == 9 ? db3 : db0;
                switch (r.nextInt(5)) {
                    case 0 -> {
                        byte[] v = new byte[r.nextInt(300)];
                        r.nextBytes(v);
                        var e = db.put(b(key), v);
                        if (r.nextInt(8) == 0) {
                            db.setExpiry(e, System.currentTimeMillis() + 3_600_000L + r.nextInt(1000));
                        }
                    }
                    case 1 -> {
                        HashValue h = new HashValue();
                        int n = 1 + r.nextInt(r.nextBoolean() ? 8 : 300);
                        for (int i = 0; i < n; i++) {
                            h.set(b("f" + i), b("v" + r.nextInt()), limits);
                        }
                        db.put(b(key), h);
                    }
                    case 2 -> {
                        ListValue l = new ListValue();
                        int n = 1 + r.nextInt(200);
                        for (int i = 0; i < n; i++) {
                            l.pushTail(b(Integer.toString(r.nextInt(1000))));
                        }
                        db.put(b(key), l);
                    }
                    case 3 -> {
                        SetValue set = SetValue.createFor(b("m"));
                        int n = 1 + r.nextInt(200);
                        for (int i = 0; i < n; i++) {
                            set.add(b("m" + r.nextInt(10_000)), limits.setMaxIntsetEntries());
                        }
                        db.put(b(key), set);
                    }
                    default -> {
                        SortedSetValue z = SortedSetValue.empty();
                        int n = 1 + r.nextInt(200);
                        for (int i = 0; i < n; i++) {
                            z.insert(b("z" + i), r.nextInt(100_000) / 7.0, limits);
                        }
                        db.put(b(key), z);
                    }
                }
            }
            shards.add(shard);
        }
        return new TestShards(shards);
    }

    @Override
    public int shardCount() {
        return shards.size();
    }

    @Override
    public long writeRdb(int shard, OutputStream out) throws IOException {
        Shard s = shards.get(shard);
        ShardSnapshot snapshot = ShardSnapshot.take(s);
        new RdbWriter(true, true).write(snapshot, out, s.usedMemory(), false);
        return snapshot.keyCount();
    }

    /** The node's side of an import in these tests: loads each shard into a fresh shard. */
    static final class Restored implements BackupReader.ShardLoader {
        final Map<Integer, Shard> shards = new TreeMap<>();

        @Override
        public void load(int shard, InputStream rdb, long rdbSize) throws IOException {
            Shard target = emptyShard();
            try {
                new RdbLoader(target).load(rdb, "shard " + shard, rdbSize);
            } catch (RdbLoadException e) {
                throw new IOException(e.getMessage(), e);
            }
            shards.put(shard, target);
        }
    }

    /** Every key of every database with its expiry and its value as DUMP serializes it. */
    static Map<String, String> render(Shard shard) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < shard.databaseCount(); i++) {
            int db = i;
            shard.db(i).forEachEntry(e -> out.put(db + ":" + new String(e.key(), StandardCharsets.ISO_8859_1),
                    e.expireAt() + ":" + renderValue(e.value())));
        }
        return out;
    }

    /** A set's members in sorted order (a hash table's order is not part of its value); others as DUMP has them. */
    private static String renderValue(Object value) {
        if (value instanceof SetValue set) {
            java.util.TreeSet<String> members = new java.util.TreeSet<>();
            set.forEach(m -> members.add(HexFormat.of().formatHex(m)));
            return "set:" + String.join(":", members);
        }
        return HexFormat.of().formatHex(DumpPayload.serialize(value));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
