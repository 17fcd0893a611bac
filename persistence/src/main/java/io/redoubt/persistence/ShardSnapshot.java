package io.redoubt.persistence;

import io.redoubt.engine.keyspace.Keyspace;
import io.redoubt.engine.keyspace.Entry;
import io.redoubt.engine.keyspace.RedisValue;
import io.redoubt.engine.keyspace.Shard;
import java.util.ArrayList;
import java.util.List;

/**
 * A point-in-time copy of a shard's keys, taken on the shard's thread and then serialized on
 * another one. The JVM has no fork(), so consistency comes from copying: every value is copied
 * ({@link RedisValue#copy()}; strings are cloned because SETBIT and the HyperLogLog commands change
 * string bytes in place), keys are shared (key arrays are never changed). The cost is one pass over
 * the keyspace on the shard thread and a second copy of the values in memory until the file is written.
 */
public final class ShardSnapshot {
    /** One key as saved: its database, bytes, value copy, absolute expiry and access data. */
    public record Item(byte[] key, Object value, long expireAt, long idleSeconds, int freq) {
    }

    /** One database's keys and how many of them have an expiry (RESIZEDB). */
    public record Db(int index, List<Item> items, int volatileCount) {
    }

    private final List<Db> dbs;
    private final long takenAtMillis;
    private final List<byte[]> functionLibraries;

    public ShardSnapshot(List<Db> dbs, long takenAtMillis) {
        this(dbs, takenAtMillis, List.of());
    }

    /** @param functionLibraries the code of each function library (FUNCTION LOAD), saved before the keys */
    public ShardSnapshot(List<Db> dbs, long takenAtMillis, List<byte[]> functionLibraries) {
        this.dbs = dbs;
        this.takenAtMillis = takenAtMillis;
        this.functionLibraries = functionLibraries;
    }

    public List<byte[]> functionLibraries() {
        return functionLibraries;
    }

    public List<Db> dbs() {
        return dbs;
    }

    public long takenAtMillis() {
        return takenAtMillis;
    }

    public long keyCount() {
        long n = 0;
        for (Db d : dbs) {
            n += d.items.size();
        }
        return n;
    }

    /**
     * Copies the live keys of {@code shard}; must run on the shard's thread. Keys already expired
     * are left out, as Redis leaves them out of a snapshot. IDLE or FREQ data is kept only when
     * the eviction policy uses it, as Redis writes it only then.
     */
    public static ShardSnapshot take(Shard shard) {
        long now = shard.clock().millis();
        boolean lfu = shard.settings().policy().lfu();
        io.redoubt.engine.keyspace.EvictionPolicy p = shard.settings().policy();
        boolean lru = p == io.redoubt.engine.keyspace.EvictionPolicy.ALLKEYS_LRU
                || p == io.redoubt.engine.keyspace.EvictionPolicy.VOLATILE_LRU;
        List<Db> dbs = new ArrayList<>();
        for (int i = 0; i < shard.databaseCount(); i++) {
            Keyspace db = shard.db(i);
            if (db.size() == 0) {
                continue;
            }
            List<Item> items = new ArrayList<>(db.size());
            int[] volatiles = {0};
            db.forEachEntry(e -> {
                if (e.hasExpiry() && e.expireAt() <= now) {
                    return;
                }
                if (e.hasExpiry()) {
                    volatiles[0]++;
                }
                items.add(new Item(e.key(), copy(e), e.expireAt(), lru ? shard.idleSeconds(e) : -1,
                        lfu ? shard.lfuDecayed(e) : -1));
            });
            dbs.add(new Db(i, items, volatiles[0]));
        }
        return new ShardSnapshot(dbs, now, List.copyOf(shard.functions().codes()));
    }

    private static Object copy(Entry e) {
        Object v = e.value();
        return v instanceof byte[] b ? b.clone() : ((RedisValue) v).copy();
    }
}
