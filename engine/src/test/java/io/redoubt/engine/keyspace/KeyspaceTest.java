package io.redoubt.engine.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hash table: incremental resizing, SCAN's guarantee across resizes, memory accounting. */
class KeyspaceTest {
    private final Shard shard = new Shard(0, 16, InstantSource.system(), ShardSettings.DEFAULT);
    private final Keyspace db = shard.db(0);

    private static byte[] key(String prefix, int i) {
        return (prefix + i).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Entry e) {
        return new String(e.key(), StandardCharsets.UTF_8);
    }

    @Test
    void growthIsIncrementalAndEveryKeyStaysReachable() {
        boolean sawResize = false;
        for (int i = 0; i < 50_000; i++) {
            db.put(key("k", i), new byte[] {1});
            sawResize |= db.resizing();
            if (i % 997 == 0) {
                for (int j = 0; j <= i; j += 101) {
                    assertThat(db.peek(key("k", j))).as("k%d while resizing=%s", j, db.resizing()).isNotNull();
                }
            }
        }
        assertThat(sawResize).isTrue();
        assertThat(db.size()).isEqualTo(50_000);
        while (db.rehash(1000)) {
            // the cron's job: finish the resize
        }
        assertThat(db.capacity()).isGreaterThanOrEqualTo(32_768);
        Set<String> all = new HashSet<>();
        db.forEachEntry(e -> all.add(text(e)));
        assertThat(all).hasSize(50_000);
    }

    /** An RDB's RESIZEDB hint sizes an empty table once: the load then never resizes. */
    @Test
    void expandForLoadSizesAnEmptyTableSoTheLoadNeverResizes() {
        db.expandForLoad(50_000);
        assertThat(db.capacity()).isGreaterThanOrEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            db.put(key("k", i), new byte[] {1});
            assertThat(db.resizing()).as("after %d keys", i + 1).isFalse();
        }
        for (int i = 0; i < 50_000; i += 7) {
            assertThat(db.peek(key("k", i))).isNotNull();
        }
        int capacity = db.capacity();
        db.expandForLoad(1_000_000); // a database that holds keys keeps its table
        assertThat(db.capacity()).isEqualTo(capacity);
    }

    @Test
    void shrinksIncrementallyWhenMostKeysAreGone() {
        for (int i = 0; i < 20_000; i++) {
            db.put(key("k", i), new byte[] {1});
        }
        while (db.rehash(1000)) {
            // settle
        }
        int big = db.capacity();
        for (int i = 0; i < 19_900; i++) {
            assertThat(db.delete(key("k", i))).isTrue();
        }
        for (int i = 0; i < 200 && db.resizing(); i++) {
            db.rehash(1000);
        }
        assertThat(db.resizing()).isFalse();
        assertThat(db.capacity()).as("capacity after shrinking from %d", big).isLessThan(big / 8);
        for (int i = 19_900; i < 20_000; i++) {
            assertThat(db.peek(key("k", i))).isNotNull();
        }
    }

    /**
     * Redis's SCAN guarantee: a key present from the start to the end of a full iteration is returned
     * at least once, even while the table grows and shrinks (and resizes incrementally) between calls.
     */
    @Test
    void scanReturnsEveryKeyPresentForTheWholeScanAcrossResizes() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            shard.flushAll();
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                db.put(key("stable", i), new byte[0]);
                stable.add("stable" + i);
            }
            int churn = 0;
            Set<String> seen = new HashSet<>();
            long cursor = 0;
            int calls = 0;
            do {
                cursor = db.scan(cursor, 1 + random.nextInt(20), e -> seen.add(text(e)));
                calls++;
                // Alternate bursts of inserts (growth) and deletes (shrink) of other keys.
                boolean grow = (calls / 5) % 2 == 0;
                for (int i = 0; i < 200; i++) {
                    if (grow) {
                        db.put(key("churn", churn++), new byte[0]);
                    } else if (churn > 0) {
                        db.delete(key("churn", --churn));
                    }
                }
            } while (cursor != 0 && calls < 100_000);
            assertThat(cursor).isZero();
            assertThat(seen).containsAll(stable);
        }
    }

    @Test
    void memoryEstimateFollowsKeysAndValues() {
        assertThat(shard.usedMemory()).isZero();
        for (int i = 0; i < 1000; i++) {
            db.put(key("key:", i), new byte[1000]);
        }
        long used = shard.usedMemory();
        // 1000 keys of ~8 bytes with 1000-byte values: the data alone is ~1 MB; overhead stays modest.
        assertThat(used).isBetween(1_008_000L, 1_200_000L);
        db.put(key("key:", 0), new byte[10]);
        assertThat(shard.usedMemory()).isLessThan(used - 900);
        for (int i = 0; i < 1000; i++) {
            db.delete(key("key:", i));
        }
        assertThat(shard.usedMemory()).isZero();
        db.put(key("a", 1), new byte[100]);
        shard.db(3).put(key("b", 1), new byte[100]);
        shard.swap(0, 3);
        shard.flushAll();
        assertThat(shard.usedMemory()).isZero();
    }

    @Test
    void randomEntryDrawsFromBothTablesDuringAResize() {
        for (int i = 0; i < 5000; i++) {
            db.put(key("k", i), new byte[0]);
        }
        Set<String> drawn = new HashSet<>();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Entry e = db.randomEntry(random);
            assertThat(e).isNotNull();
            drawn.add(text(e));
        }
        assertThat(drawn.size()).isGreaterThan(4000);
    }

    @Test
    void prefetchChangesNothingAKeyLookupWouldSee() {
        long[] now = {1_000_000};
        Shard timed = new Shard(0, 16, () -> java.time.Instant.ofEpochMilli(now[0]), ShardSettings.DEFAULT);
        Keyspace d = timed.db(0);
        timed.beginCommand();
        for (int i = 0; i < 1000; i++) {
            d.put(key("k", i), key("v", i));
        }
        Entry expiring = d.peek(key("k", 7));
        d.setExpiry(expiring, now[0] + 10);
        while (d.rehash(1000)) {
            // no resize in progress: prefetch only runs on a settled table
        }
        now[0] += 100; // k7 is now past its time, but only a lookup may delete it
        timed.beginCommand();
        int[] hashes = new int[Keyspace.PREFETCH_BATCH];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = java.util.Arrays.hashCode(key(i % 2 == 0 ? "k" : "absent", i));
        }
        hashes[7] = java.util.Arrays.hashCode(key("k", 7));
        long memory = timed.usedMemory();
        long hits = timed.stats().keyspaceHits;
        long misses = timed.stats().keyspaceMisses;
        int access = d.peek(key("k", 2)).access();
        assertThat(d.prefetch(hashes, new int[hashes.length], hashes.length)).as("distinct keys").isTrue();
        int[] sameKey = new int[8];
        java.util.Arrays.fill(sameKey, java.util.Arrays.hashCode(key("k", 2)));
        assertThat(d.prefetch(sameKey, new int[8], 8)).as("one string key: nothing to look ahead at").isFalse();
        d.prefetch(hashes, hashes, 0);
        d.prefetch(new int[100], new int[100], 100); // more than a batch: ignored
        assertThat(d.size()).isEqualTo(1000);
        assertThat(d.peek(key("k", 7))).as("an expired key stays until looked up").isSameAs(expiring);
        assertThat(timed.usedMemory()).isEqualTo(memory);
        assertThat(timed.stats().keyspaceHits).isEqualTo(hits);
        assertThat(timed.stats().keyspaceMisses).isEqualTo(misses);
        assertThat(d.peek(key("k", 2)).access()).isEqualTo(access);
        assertThat(d.lookup(key("k", 7))).isNull();
        assertThat(d.lookup(key("k", 8)).value()).isEqualTo(key("v", 8));
    }

    @Test
    void aStringSetAgainWithTheSameLengthIsWrittenIntoTheEntrysOwnArray() {
        byte[] k = key("s", 1);
        byte[] first = "aaa".getBytes(StandardCharsets.US_ASCII);
        Entry e = db.put(k, first);
        assertThat(e.value()).isSameAs(first);

        byte[] second = "bbb".getBytes(StandardCharsets.US_ASCII);
        db.overwriteString(e, second);
        byte[] owned = (byte[]) e.value();
        // the request's argument may be kept elsewhere (SLOWLOG): the entry keeps a copy of its own
        assertThat(owned).isNotSameAs(second).isNotSameAs(first).containsExactly(second);
        assertThat(first).containsExactly("aaa".getBytes(StandardCharsets.US_ASCII));

        byte[] third = "ccc".getBytes(StandardCharsets.US_ASCII);
        long memory = shard.usedMemory();
        db.overwriteString(e, third);
        assertThat(e.value()).isSameAs(owned);
        assertThat(owned).containsExactly(third);
        assertThat(second).as("an argument once stored is never written to")
                .containsExactly("bbb".getBytes(StandardCharsets.US_ASCII));
        assertThat(shard.usedMemory()).isEqualTo(memory);

        byte[] longer = "dddd".getBytes(StandardCharsets.US_ASCII);
        db.overwriteString(e, longer);
        assertThat(e.value()).isSameAs(longer);
        db.overwriteString(e, "eeee".getBytes(StandardCharsets.US_ASCII));
        assertThat(e.value()).isNotSameAs(longer);
        assertThat(longer).containsExactly("dddd".getBytes(StandardCharsets.US_ASCII));

        // any other store (APPEND, SETRANGE, a plain update) takes the ownership away
        byte[] other = "ffff".getBytes(StandardCharsets.US_ASCII);
        db.update(e, other);
        db.overwriteString(e, "gggg".getBytes(StandardCharsets.US_ASCII));
        assertThat(other).containsExactly("ffff".getBytes(StandardCharsets.US_ASCII));
        assertThat((byte[]) e.value()).containsExactly("gggg".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aFreshArrayIsOwnedAtOnce() {
        Entry e = db.put(key("n", 1), "10".getBytes(StandardCharsets.US_ASCII));
        byte[] made = "11".getBytes(StandardCharsets.US_ASCII);
        db.updateString(e, made, true);
        assertThat(e.value()).isSameAs(made);
        db.updateString(e, "12".getBytes(StandardCharsets.US_ASCII), true);
        assertThat(e.value()).isSameAs(made);
        assertThat(made).containsExactly("12".getBytes(StandardCharsets.US_ASCII));
    }
}
