package io.redoubt.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * Sampled eviction with the candidate pool approximates the exact policy closely: with a clock the
 * test controls, keys get distinct ages (or TTLs, or access counts) and the evicted ones must be
 * overwhelmingly the worst quarter, never the best quarter.
 */
class EvictionTest {
    private static final int KEYS = 2000;
    private final long[] time = {1_700_000_000_000L};
    private final InstantSource clock = () -> Instant.ofEpochMilli(time[0]);

    private Shard shard(EvictionPolicy policy) {
        return new Shard(0, 16, clock, ShardSettings.DEFAULT.withPolicy(policy));
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.UTF_8);
    }

    /** Fills, then lowers maxmemory to half and evicts; returns which keys are gone. */
    private boolean[] evictHalf(Shard shard) {
        long full = shard.usedMemory();
        shard.settings(shard.settings().withMaxMemory(full / 2));
        assertThat(shard.evictIfNeeded()).isTrue();
        assertThat(shard.usedMemory()).isLessThanOrEqualTo(full / 2);
        boolean[] gone = new boolean[KEYS];
        for (int i = 0; i < KEYS; i++) {
            gone[i] = shard.db(0).peek(key(i)) == null;
        }
        return gone;
    }

    private static double share(boolean[] gone, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += gone[i] ? 1 : 0;
        }
        return n / (double) (to - from);
    }

    @Test
    void lruEvictsTheLeastRecentlyUsed() {
        Shard shard = shard(EvictionPolicy.ALLKEYS_LRU);
        for (int i = 0; i < KEYS; i++) {
            time[0] += 10;
            shard.beginCommand();
            shard.db(0).put(key(i), new byte[100]); // key i was used at time i: low index = old
        }
        boolean[] gone = evictHalf(shard);
        assertThat(share(gone, 0, KEYS / 4)).isGreaterThan(0.9);
        assertThat(share(gone, 3 * KEYS / 4, KEYS)).isLessThan(0.1);
    }

    @Test
    void lfuEvictsTheLeastFrequentlyUsed() {
        Shard shard = shard(EvictionPolicy.ALLKEYS_LFU);
        shard.settings(shard.settings().withLfuLogFactor(0)); // every access counts, for a clear order
        shard.beginCommand();
        for (int i = 0; i < KEYS; i++) {
            Entry e = shard.db(0).put(key(i), new byte[100]);
            for (int a = 0; a < i * 40 / KEYS; a++) {
                shard.touch(e); // key i is accessed about i/50 times
            }
        }
        boolean[] gone = evictHalf(shard);
        assertThat(share(gone, 0, KEYS / 4)).isGreaterThan(0.9);
        assertThat(share(gone, 3 * KEYS / 4, KEYS)).isLessThan(0.1);
    }

    @Test
    void volatileTtlEvictsTheNearestExpiryAndSparesPersistentKeys() {
        Shard shard = shard(EvictionPolicy.VOLATILE_TTL);
        shard.beginCommand();
        Keyspace db = shard.db(0);
        for (int i = 0; i < KEYS; i++) {
            Entry e = db.put(key(i), new byte[100]);
            db.setExpiry(e, time[0] + 1_000_000 + i * 1000L); // higher index expires later
        }
        byte[] persistent = "persistent".getBytes(StandardCharsets.UTF_8);
        db.put(persistent, new byte[100]);
        boolean[] gone = evictHalf(shard);
        assertThat(share(gone, 0, KEYS / 4)).isGreaterThan(0.9);
        assertThat(share(gone, 3 * KEYS / 4, KEYS)).isLessThan(0.1);
        assertThat(db.peek(persistent)).isNotNull();
    }

    @Test
    void volatilePoliciesRefuseWhenNoKeyHasAnExpiry() {
        for (EvictionPolicy p : new EvictionPolicy[] {EvictionPolicy.VOLATILE_LRU, EvictionPolicy.VOLATILE_LFU,
                EvictionPolicy.VOLATILE_RANDOM, EvictionPolicy.VOLATILE_TTL}) {
            Shard shard = shard(p);
            shard.beginCommand();
            shard.db(5).put(key(1), new byte[1000]);
            shard.settings(shard.settings().withMaxMemory(100));
            assertThat(shard.evictIfNeeded()).as(p.wireName()).isFalse();
            assertThat(shard.db(5).size()).isEqualTo(1);
        }
    }

    @Test
    void evictionReachesEveryDatabase() {
        Shard shard = shard(EvictionPolicy.ALLKEYS_RANDOM);
        shard.beginCommand();
        for (int db = 0; db < 16; db += 5) {
            for (int i = 0; i < 100; i++) {
                shard.db(db).put(key(i), new byte[100]);
            }
        }
        shard.settings(shard.settings().withMaxMemory(shard.usedMemory() / 4));
        assertThat(shard.evictIfNeeded()).isTrue();
        for (int db = 0; db < 16; db += 5) {
            assertThat(shard.db(db).size()).as("db %d", db).isLessThan(100);
        }
        assertThat(shard.stats().evictedKeys).isGreaterThan(250);
    }
}
