package io.redoubt.engine.keyspace;

/**
 * The best eviction candidates seen so far, as Redis's eviction pool keeps them: every eviction
 * samples a few keys and offers them here, and the best candidate still alive is evicted. Keeping
 * good candidates across evictions makes sampled LRU/LFU/TTL much closer to the exact policy than
 * picking the best of one sample. Entries may go stale (deleted, replaced, swapped to another
 * database); they are checked when taken.
 */
final class EvictionPool {
    private static final int SIZE = 16;

    private final Entry[] entries = new Entry[SIZE];
    private final Keyspace[] dbs = new Keyspace[SIZE];
    private final long[] scores = new long[SIZE];
    private int count;
    private Keyspace takenFrom;

    /** Keeps {@code e} when it beats the worst candidate; higher scores are better victims. */
    void offer(Keyspace db, Entry e, long score) {
        for (int i = 0; i < count; i++) {
            if (entries[i] == e) {
                scores[i] = score;
                return;
            }
        }
        int slot;
        if (count < SIZE) {
            slot = count++;
        } else {
            slot = 0;
            for (int i = 1; i < SIZE; i++) {
                if (scores[i] < scores[slot]) {
                    slot = i;
                }
            }
            if (scores[slot] >= score) {
                return;
            }
        }
        entries[slot] = e;
        dbs[slot] = db;
        scores[slot] = score;
    }

    /**
     * Removes and returns the best candidate still stored under its key in its database (and still
     * volatile when {@code volatileOnly}), or null; {@link #takenFrom} then names its database.
     */
    Entry takeBest(boolean volatileOnly) {
        while (count > 0) {
            int best = 0;
            for (int i = 1; i < count; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            Entry e = entries[best];
            Keyspace db = dbs[best];
            count--;
            entries[best] = entries[count];
            dbs[best] = dbs[count];
            scores[best] = scores[count];
            entries[count] = null;
            dbs[count] = null;
            if (db.peek(e.key) == e && (!volatileOnly || e.hasExpiry())) {
                takenFrom = db;
                return e;
            }
        }
        takenFrom = null;
        return null;
    }

    /** The database of the entry {@link #takeBest} returned last. */
    Keyspace takenFrom() {
        return takenFrom;
    }
}
