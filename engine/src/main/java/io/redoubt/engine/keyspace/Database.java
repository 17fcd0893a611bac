package io.redoubt.engine.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One logical database (SELECT index) on one shard: a chained hash table of {@link Entry}, sized in
 * powers of two so that SCAN's reverse-binary cursor visits every key present for the whole scan even
 * when the table grows or shrinks between calls, plus an array of the keys that have an expiry for
 * active-expiry and volatile-eviction sampling.
 *
 * <p>Reads go through {@link #lookupRead}/{@link #lookupWrite}, which delete a key whose time has
 * passed before anyone sees it (lazy expiry). Every change goes through this class so memory
 * accounting, WATCH and keyspace observers always see it.
 */
public final class Database {
    private static final int MIN_CAPACITY = 16;
    private static final int ENTRY_OVERHEAD = 48;

    private final Shard shard;
    private final int index;
    private Entry[] table = new Entry[MIN_CAPACITY];
    private int size;
    private Entry[] volatiles = new Entry[MIN_CAPACITY];
    private int volatileCount;

    Database(Shard shard, int index) {
        this.shard = shard;
        this.index = index;
    }

    public int index() {
        return index;
    }

    public Shard shard() {
        return shard;
    }

    public int size() {
        return size;
    }

    public int volatileCount() {
        return volatileCount;
    }

    /** Current time of the running command, in milliseconds. */
    public long now() {
        return shard.now();
    }

    // ---- lookups ----------------------------------------------------------------------------------

    /** The entry for {@code key} whether or not it has expired; no side effects. */
    public Entry peek(byte[] key) {
        int h = hash(key);
        for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    /** The live entry for {@code key}, deleting it first if it has expired. No stats, no touch. */
    public Entry lookup(byte[] key) {
        Entry e = peek(key);
        if (e != null && e.expireAt != Entry.NO_EXPIRY && e.expireAt <= shard.now()) {
            expire(e);
            return null;
        }
        return e;
    }

    /** Lookup for reading: counts a keyspace hit or miss and updates the access clock. */
    public Entry lookupRead(byte[] key, boolean touch) {
        Entry e = lookup(key);
        if (e == null) {
            shard.stats().keyspaceMisses++;
        } else {
            shard.stats().keyspaceHits++;
            if (touch) {
                shard.touch(e);
            }
        }
        return e;
    }

    /** Lookup before a write: expires the key if due and updates the access clock. */
    public Entry lookupWrite(byte[] key) {
        Entry e = lookup(key);
        if (e != null) {
            shard.touch(e);
        }
        return e;
    }

    /** Deletes an entry whose time has passed, as Redis's expireIfNeeded does. */
    void expire(Entry e) {
        remove(e);
        shard.stats().expiredKeys++;
        shard.notifyExpired(this, e.key);
    }

    /** True when {@code e} exists and its time has passed. */
    public boolean isExpired(Entry e) {
        return e.expireAt != Entry.NO_EXPIRY && e.expireAt <= shard.now();
    }

    // ---- changes ----------------------------------------------------------------------------------

    /**
     * Sets {@code key} to {@code value}, creating the key or replacing its value; a replaced key loses
     * its expiry (SET without KEEPTTL). Returns the entry.
     */
    public Entry put(byte[] key, Object value) {
        int h = hash(key);
        int slot = h & (table.length - 1);
        for (Entry e = table[slot]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                replaceValue(e, value);
                clearExpiry(e);
                shard.touch(e);
                shard.keyModified(this, key);
                return e;
            }
        }
        Entry e = new Entry(key, h, value);
        e.next = table[slot];
        table[slot] = e;
        size++;
        shard.addMemory(ENTRY_OVERHEAD + arrayBytes(key.length) + valueBytes(value));
        shard.initAccess(e);
        if (size > table.length) {
            resize(table.length * 2);
        }
        shard.keyModified(this, key);
        return e;
    }

    /** Adds a key known to be absent (for example after {@link #lookupWrite} returned null). */
    public Entry add(byte[] key, Object value) {
        return put(key, value);
    }

    /** Replaces the value of an existing entry, keeping its expiry (KEEPTTL, in-place updates). */
    public void update(Entry e, Object value) {
        replaceValue(e, value);
        shard.keyModified(this, e.key);
    }

    /**
     * Records that a collection value changed in place by {@code bytesDelta} bytes; signals WATCH
     * and observers.
     */
    public void modified(Entry e, long bytesDelta) {
        shard.addMemory(bytesDelta);
        shard.keyModified(this, e.key);
    }

    private void replaceValue(Entry e, Object value) {
        shard.addMemory(valueBytes(value) - valueBytes(e.value));
        e.value = value;
        e.raw = false;
    }

    /**
     * Gives {@code to} the access history and string encoding of {@code from}: RENAME and MOVE keep
     * the same value object in Redis, so its LRU/LFU data and encoding travel with it.
     */
    public void inheritAccess(Entry to, Entry from) {
        to.access = from.access;
        to.raw = from.raw;
    }

    /** Deletes {@code key} if present (expired keys count as absent); returns whether it existed. */
    public boolean delete(byte[] key) {
        Entry e = lookup(key);
        if (e == null) {
            return false;
        }
        remove(e);
        shard.keyModified(this, key);
        return true;
    }

    /** Unlinks an entry; callers signal the change. */
    public void remove(Entry target) {
        int slot = target.hash & (table.length - 1);
        Entry prev = null;
        for (Entry e = table[slot]; e != null; prev = e, e = e.next) {
            if (e == target) {
                if (prev == null) {
                    table[slot] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                size--;
                clearExpiry(e);
                shard.addMemory(-(ENTRY_OVERHEAD + arrayBytes(e.key.length) + valueBytes(e.value)));
                if (table.length > MIN_CAPACITY && size < table.length / 8) {
                    resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(size, 1)) * 2));
                }
                return;
            }
        }
    }

    /** Sets an absolute expiry in milliseconds. */
    public void setExpiry(Entry e, long expireAt) {
        if (e.volatileSlot < 0) {
            if (volatileCount == volatiles.length) {
                volatiles = Arrays.copyOf(volatiles, volatiles.length * 2);
            }
            e.volatileSlot = volatileCount;
            volatiles[volatileCount++] = e;
        }
        e.expireAt = expireAt;
        shard.keyModified(this, e.key);
    }

    /** Removes the expiry; returns whether there was one. */
    public boolean persist(Entry e) {
        if (e.volatileSlot < 0) {
            return false;
        }
        clearExpiry(e);
        shard.keyModified(this, e.key);
        return true;
    }

    private void clearExpiry(Entry e) {
        int slot = e.volatileSlot;
        if (slot >= 0) {
            Entry last = volatiles[--volatileCount];
            volatiles[slot] = last;
            last.volatileSlot = slot;
            volatiles[volatileCount] = null;
            e.volatileSlot = -1;
            if (volatiles.length > MIN_CAPACITY && volatileCount < volatiles.length / 4) {
                volatiles = Arrays.copyOf(volatiles, volatiles.length / 2);
            }
        }
        e.expireAt = Entry.NO_EXPIRY;
    }

    /** Removes every key; returns how many there were. */
    public int clear() {
        int removed = size;
        long bytes = 0;
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                bytes += ENTRY_OVERHEAD + arrayBytes(e.key.length) + valueBytes(e.value);
                shard.keyModified(this, e.key);
            }
        }
        table = new Entry[MIN_CAPACITY];
        volatiles = new Entry[MIN_CAPACITY];
        size = 0;
        volatileCount = 0;
        shard.addMemory(-bytes);
        return removed;
    }

    /** Exchanges contents with another database of the same shard (SWAPDB). */
    void swapContents(Database other) {
        Entry[] t = table;
        table = other.table;
        other.table = t;
        int s = size;
        size = other.size;
        other.size = s;
        Entry[] v = volatiles;
        volatiles = other.volatiles;
        other.volatiles = v;
        int vc = volatileCount;
        volatileCount = other.volatileCount;
        other.volatileCount = vc;
    }

    /** Calls {@code visitor} for every entry that may be watched (used after SWAPDB and FLUSH). */
    public void forEachEntry(Consumer<Entry> visitor) {
        for (Entry head : table) {
            for (Entry e = head; e != null; e = e.next) {
                visitor.accept(e);
            }
        }
    }

    // ---- iteration --------------------------------------------------------------------------------

    /**
     * Visits one bucket chain per step starting at {@code cursor} until at least {@code count}
     * entries were visited or the table is done; returns the next cursor (0 when finished). The
     * reverse-binary increment keeps the guarantee that every key present during the whole scan is
     * returned at least once even when the table is resized between calls.
     */
    public long scan(long cursor, int count, Consumer<Entry> visitor) {
        if (size == 0) {
            return 0;
        }
        long mask = table.length - 1;
        long v = cursor;
        int visited = 0;
        int steps = 0;
        int maxSteps = Math.max(count, 1) * 10;
        do {
            Entry e = table[(int) (v & mask)];
            while (e != null) {
                Entry next = e.next;
                visitor.accept(e);
                visited++;
                e = next;
            }
            v |= ~mask;
            v = Long.reverse(v);
            v++;
            v = Long.reverse(v);
            steps++;
        } while (v != 0 && visited < count && steps < maxSteps);
        return v;
    }

    /** A random entry (possibly expired), or null when empty. */
    public Entry randomEntry(java.util.random.RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        while (true) {
            Entry head = table[random.nextInt(table.length)];
            if (head == null) {
                continue;
            }
            int len = 0;
            for (Entry e = head; e != null; e = e.next) {
                len++;
            }
            int pick = random.nextInt(len);
            Entry e = head;
            while (pick-- > 0) {
                e = e.next;
            }
            return e;
        }
    }

    /** A random entry that has an expiry, or null when none. */
    public Entry randomVolatile(java.util.random.RandomGenerator random) {
        return volatileCount == 0 ? null : volatiles[random.nextInt(volatileCount)];
    }

    /** Average remaining time to live of keys with an expiry, in milliseconds (0 when none). */
    public long averageTtl() {
        if (volatileCount == 0) {
            return 0;
        }
        long now = shard.now();
        int n = Math.min(volatileCount, 1000);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, volatiles[i].expireAt - now);
        }
        return sum / n;
    }

    private void resize(int capacity) {
        Entry[] old = table;
        Entry[] fresh = new Entry[capacity];
        int m = capacity - 1;
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                int slot = e.hash & m;
                e.next = fresh[slot];
                fresh[slot] = e;
                e = next;
            }
        }
        table = fresh;
    }

    static int hash(byte[] key) {
        // Murmur-style mixing of Java's array hash spreads the low bits used for bucket selection.
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    static long arrayBytes(int length) {
        return (16 + length + 7) & ~7L;
    }

    /** Approximate bytes held by a value. */
    public static long valueBytes(Object value) {
        if (value instanceof byte[] bytes) {
            return arrayBytes(bytes.length);
        }
        return value == null ? 0 : ((RedisValue) value).estimatedBytes();
    }

    /** Approximate bytes held by an entry, for MEMORY USAGE. */
    public static long entryBytes(Entry e) {
        return ENTRY_OVERHEAD + arrayBytes(e.key.length) + valueBytes(e.value);
    }
}
