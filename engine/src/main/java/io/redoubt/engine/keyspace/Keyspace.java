package io.redoubt.engine.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One keyspace (Redis's SELECT-numbered database; "database" now names the managed object) on one
 * shard: a chained hash table of {@link Entry}, sized in powers of two so that SCAN's reverse-binary
 * cursor visits every key present for the whole scan even when the table grows or shrinks between
 * calls, plus an array of the keys that have an expiry for
 * active-expiry and volatile-eviction sampling.
 *
 * <p>Resizing is incremental, as in Redis's dict: a resize allocates the new table and then every
 * write (and the shard's cron) moves a few buckets, so no single command pays for rehashing a large
 * table. While both tables are in use, lookups search both, new keys go to the new table, and SCAN
 * visits a bucket of the smaller table together with all buckets of the larger one it expands to.
 *
 * <p>Reads go through {@link #lookupRead}/{@link #lookupWrite}, which delete a key whose time has
 * passed before anyone sees it (lazy expiry). Every change goes through this class so memory
 * accounting, WATCH and keyspace observers always see it.
 */
public final class Keyspace {
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;
    /** Entry object (40 bytes with compact object headers) plus its bucket slot and a share of the volatile array. */
    private static final int ENTRY_OVERHEAD = 48;
    /** Empty buckets a rehash step may skip before giving up, as Redis's dictRehash(d, 1) does. */
    private static final int EMPTY_VISITS_PER_STEP = 10;
    /** The most keys {@link #prefetch} takes at once. */
    public static final int PREFETCH_BATCH = 32;

    private final Shard shard;
    private final int index;
    private Entry[] table = new Entry[MIN_CAPACITY];
    /** The table being filled during a resize, else null. */
    private Entry[] target;
    /** Buckets of {@link #table} below this index have moved to {@link #target}; -1 when not resizing. */
    private int rehashIndex = -1;
    private int size;
    private Entry[] volatiles = new Entry[MIN_CAPACITY];
    private int volatileCount;
    /** Scratch for {@link #prefetch}, and where its reads go so the JIT keeps them. */
    private final Entry[] prefetchEntries = new Entry[PREFETCH_BATCH];
    private final Object[] prefetchRefs = new Object[2 * PREFETCH_BATCH];
    private int prefetchSink;

    Keyspace(Shard shard, int index) {
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
        return peek(key, hash(key));
    }

    private Entry peek(byte[] key, int h) {
        Entry e = find(table, h, key);
        if (e == null && target != null) {
            e = find(target, h, key);
        }
        return e;
    }

    private static Entry find(Entry[] t, int h, byte[] key) {
        for (Entry e = t[h & (t.length - 1)]; e != null; e = e.next) {
            if (Arrays.equals(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    /** The live entry for {@code key}, deleting it first if it has expired. No stats, no touch. */
    public Entry lookup(byte[] key) {
        Entry e = peek(key);
        if (e != null && e.expireAt != Entry.NO_EXPIRY && e.expireAt <= shard.now()) {
            if (shard.replica()) {
                // a replica waits for its master's DEL; its own clients see the key as gone
                return shard.applyingMasterStream() ? e : null;
            }
            expire(e);
            return null;
        }
        return e;
    }

    /**
     * Lookup for reading: counts a keyspace hit or miss, publishes a {@code keymiss} notification on
     * a miss, and updates the access clock.
     */
    public Entry lookupRead(byte[] key, boolean touch) {
        return lookupRead(key, touch, true);
    }

    /**
     * {@link #lookupRead(byte[], boolean)} where {@code notifyMiss} false is Redis's LOOKUP_NONOTIFY
     * (OBJECT): a miss is counted but publishes nothing.
     */
    public Entry lookupRead(byte[] key, boolean touch, boolean notifyMiss) {
        Entry e = lookup(key);
        if (e == null) {
            shard.stats().keyspaceMisses++;
            if (notifyMiss) {
                shard.events().notify(EventClass.KEY_MISS, "keymiss", index, key);
            }
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
        shard.events().notify(EventClass.EXPIRED, "expired", index, e.key);
        shard.notifyExpired(this, e.key);
    }

    /** True when {@code e} exists and its time has passed. */
    public boolean isExpired(Entry e) {
        return e.expireAt != Entry.NO_EXPIRY && e.expireAt <= shard.now();
    }

    /**
     * Publishes a keyspace notification about {@code key} of this database (Redis's
     * notifyKeyspaceEvent); costs one bit test when the class is off.
     */
    public void notify(EventClass type, String event, byte[] key) {
        shard.events().notify(type, event, index, key);
    }

    // ---- changes ----------------------------------------------------------------------------------

    /**
     * Sets {@code key} to {@code value}, creating the key or replacing its value; a replaced key loses
     * its expiry (SET without KEEPTTL). Returns the entry.
     */
    public Entry put(byte[] key, Object value) {
        rehashStep();
        int h = hash(key);
        Entry e = peek(key, h);
        if (e != null) {
            return overwrite(e, value);
        }
        e = new Entry(key, value);
        Entry[] t = target != null ? target : table; // during a resize new keys go to the new table
        int slot = h & (t.length - 1);
        e.next = t[slot];
        t[slot] = e;
        size++;
        shard.addMemory(ENTRY_OVERHEAD + arrayBytes(key.length) + valueBytes(value));
        shard.initAccess(e);
        if (target == null && size > table.length && table.length < MAX_CAPACITY) {
            startResize(table.length * 2);
        }
        shard.events().notify(EventClass.NEW, "new", index, key);
        shard.keyModified(this, key);
        return e;
    }

    /**
     * {@link #put} for a key already looked up: replaces the value of the live entry {@code e} and its
     * expiry, without hashing and searching for the key a second time.
     */
    public Entry overwrite(Entry e, Object value) {
        replaceValue(e, value);
        clearExpiry(e);
        shard.touch(e);
        shard.keyModified(this, e.key);
        return e;
    }

    /**
     * SET of a live string key: as {@link #overwrite}, but a value as long as the current one is
     * copied into the entry's own array (see {@link #storeString}).
     */
    public Entry overwriteString(Entry e, byte[] value) {
        storeString(e, value, false);
        clearExpiry(e);
        shard.touch(e);
        shard.keyModified(this, e.key);
        return e;
    }

    /**
     * Gives the live string entry {@code e} the value {@code value}, keeping its expiry (SET KEEPTTL,
     * INCR and the like). {@code fresh} says the caller made the array and keeps no reference to it.
     */
    public void updateString(Entry e, byte[] value, boolean fresh) {
        storeString(e, value, fresh);
        shard.keyModified(this, e.key);
    }

    /**
     * Stores a string value, writing it into the entry's current array when that array is as long
     * and belongs to the entry alone. A key set again and again then keeps its value where it is:
     * the old array stays old, instead of a young one that an old entry points at, which every young
     * collection would have to copy and every store would mark in the card table.
     *
     * <p>The entry owns an array only when the database made it: a request's argument may be kept
     * elsewhere too (SLOWLOG keeps short arguments), so the first same-length overwrite stores a
     * copy, and later ones reuse that copy. Callers must not hold the current array across the call
     * (SET ... GET reads it before: it uses {@link #overwrite}).
     */
    private void storeString(Entry e, byte[] value, boolean fresh) {
        if (e.value instanceof byte[] current && current.length == value.length && current != value) {
            if (e.ownsValue) {
                System.arraycopy(value, 0, current, 0, value.length);
                e.raw = false;
            } else {
                replaceValue(e, fresh ? value : value.clone());
                e.ownsValue = true;
            }
            return;
        }
        replaceValue(e, value);
        e.ownsValue = fresh;
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

    /** Where the change count stands now, for {@link #countChangesSince}. */
    public long changeMark() {
        return shard.changeCount();
    }

    /**
     * Counts the changes made since {@code mark} as {@code changes}, the number Redis adds to
     * {@code server.dirty} for them (members added, fields set, elements pushed or popped; 0 for a
     * write that changed nothing), in place of the one change per key signal counted by default.
     */
    public void countChangesSince(long mark, long changes) {
        shard.extraChanges(changes - (shard.changeCount() - mark));
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
        e.ownsValue = false;
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

    /**
     * Deletes a collection a command emptied in place, after accounting the {@code bytesDelta} it shrank
     * by: one change signalled, as Redis signals a key it empties and deletes once.
     */
    public void deleteEmptied(Entry e, long bytesDelta) {
        shard.addMemory(bytesDelta);
        remove(e);
        shard.keyModified(this, e.key);
    }

    /** Unlinks an entry; callers signal the change. */
    public void remove(Entry entry) {
        if (!unlink(table, entry) && (target == null || !unlink(target, entry))) {
            return;
        }
        size--;
        clearExpiry(entry);
        shard.addMemory(-(ENTRY_OVERHEAD + arrayBytes(entry.key.length) + valueBytes(entry.value)));
        shrinkIfSparse();
        rehashStep();
    }

    private void shrinkIfSparse() {
        if (target == null && table.length > MIN_CAPACITY && size < table.length / 8) {
            startResize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(size, 1)) * 2));
        }
    }

    private static boolean unlink(Entry[] t, Entry entry) {
        int slot = hash(entry.key) & (t.length - 1);
        Entry prev = null;
        for (Entry e = t[slot]; e != null; prev = e, e = e.next) {
            if (e == entry) {
                if (prev == null) {
                    t[slot] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                return true;
            }
        }
        return false;
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
        boolean started = shard.startWholeChange(KeyspaceObserver.WholeChange.FLUSH);
        try {
            for (Entry[] t : tables()) {
                for (Entry head : t) {
                    for (Entry e = head; e != null; e = e.next) {
                        bytes += ENTRY_OVERHEAD + arrayBytes(e.key.length) + valueBytes(e.value);
                        shard.keyModified(this, e.key);
                    }
                }
            }
        } finally {
            if (started) {
                shard.endWholeChange();
            }
        }
        table = new Entry[MIN_CAPACITY];
        target = null;
        rehashIndex = -1;
        volatiles = new Entry[MIN_CAPACITY];
        size = 0;
        volatileCount = 0;
        shard.addMemory(-bytes);
        return removed;
    }

    /** Exchanges contents with another database of the same shard (SWAPDB). */
    void swapContents(Keyspace other) {
        Entry[] t = table;
        table = other.table;
        other.table = t;
        t = target;
        target = other.target;
        other.target = t;
        int r = rehashIndex;
        rehashIndex = other.rehashIndex;
        other.rehashIndex = r;
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
        for (Entry[] t : tables()) {
            for (Entry head : t) {
                for (Entry e = head; e != null; e = e.next) {
                    visitor.accept(e);
                }
            }
        }
    }

    private Entry[][] tables() {
        return target == null ? new Entry[][] {table} : new Entry[][] {table, target};
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
        long v = cursor;
        int[] visited = {0};
        Consumer<Entry> counting = e -> {
            visited[0]++;
            visitor.accept(e);
        };
        int steps = 0;
        int maxSteps = Math.max(count, 1) * 10;
        do {
            v = scanStep(v, counting);
            steps++;
        } while (v != 0 && visited[0] < count && steps < maxSteps);
        return v;
    }

    /** Redis's dictScan for one cursor value: one bucket, or during a resize its expansion too. */
    private long scanStep(long v, Consumer<Entry> visitor) {
        if (target == null) {
            long m0 = table.length - 1;
            emit(table[(int) (v & m0)], visitor);
            return nextCursor(v, m0);
        }
        Entry[] small = table.length <= target.length ? table : target;
        Entry[] large = small == table ? target : table;
        long m0 = small.length - 1;
        long m1 = large.length - 1;
        emit(small[(int) (v & m0)], visitor);
        do {
            emit(large[(int) (v & m1)], visitor);
            v = nextCursor(v, m1);
        } while ((v & (m0 ^ m1)) != 0);
        return v;
    }

    /** Increments the reversed cursor within {@code mask}: high bits first, so resizes lose nothing. */
    private static long nextCursor(long v, long mask) {
        v |= ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    private static void emit(Entry head, Consumer<Entry> visitor) {
        Entry e = head;
        while (e != null) {
            Entry next = e.next;
            visitor.accept(e);
            e = next;
        }
    }

    /**
     * A random entry (possibly expired), or null when empty, every entry equally likely: a random bucket
     * and a random slot below a bound on chain lengths, drawn again past the chain's end (as {@code
     * ByteTable.random}: a random entry of a random non-empty chain would favour entries alone in their
     * bucket). The bound starts at 4 and rises to any longer chain met.
     */
    public Entry randomEntry(java.util.random.RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        int bound = 4;
        while (true) {
            Entry head;
            if (target == null) {
                head = table[random.nextInt(table.length)];
            } else {
                // Buckets of the old table below rehashIndex are empty: draw from the rest of both.
                int live = table.length - rehashIndex;
                int i = random.nextInt(live + target.length);
                head = i < live ? table[rehashIndex + i] : target[i - live];
            }
            int len = 0;
            for (Entry e = head; e != null; e = e.next) {
                len++;
            }
            if (len > bound) {
                bound = len;
                continue;
            }
            int pick = random.nextInt(bound);
            if (pick >= len) {
                continue;
            }
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

    /**
     * Sizes the table of an empty database for {@code keys} keys at once (an RDB's RESIZEDB hint, as
     * Redis expands its dict on load), so a load does not double the table and move every key again at
     * each doubling (a tenth of an RDB load's profile). Does nothing on a database that holds keys.
     */
    public void expandForLoad(long keys) {
        if (size != 0 || target != null || keys <= table.length) {
            return;
        }
        int capacity = table.length;
        while (capacity < keys && capacity < MAX_CAPACITY) {
            capacity <<= 1;
        }
        table = new Entry[capacity];
    }

    private void startResize(int capacity) {
        if (capacity == table.length) {
            return;
        }
        target = new Entry[capacity];
        rehashIndex = 0;
    }

    /** One incremental rehash step: moves one non-empty bucket, skipping a bounded number of empty ones. */
    private void rehashStep() {
        if (target != null) {
            rehash(1);
        }
    }

    /**
     * Moves up to {@code buckets} non-empty buckets of the old table to the new one (the shard's cron
     * calls this with a larger budget so idle databases finish resizing); returns whether a resize is
     * still in progress.
     */
    boolean rehash(int buckets) {
        if (target == null) {
            return false;
        }
        int emptyVisits = buckets * EMPTY_VISITS_PER_STEP;
        int m = target.length - 1;
        while (buckets > 0 && rehashIndex < table.length) {
            Entry e = table[rehashIndex];
            if (e == null) {
                rehashIndex++;
                if (--emptyVisits == 0) {
                    break;
                }
                continue;
            }
            while (e != null) {
                Entry next = e.next;
                int slot = hash(e.key) & m;
                e.next = target[slot];
                target[slot] = e;
                e = next;
            }
            table[rehashIndex++] = null;
            buckets--;
        }
        if (rehashIndex >= table.length) {
            table = target;
            target = null;
            rehashIndex = -1;
            shrinkIfSparse(); // keys deleted during a long shrink may call for another
            return target != null;
        }
        return true;
    }

    /** Whether an incremental resize is in progress (for tests and INFO). */
    public boolean resizing() {
        return target != null;
    }

    /** Bucket count of the main table (for tests and DEBUG). */
    public int capacity() {
        return table.length;
    }

    static int hash(byte[] key) {
        return mix(Arrays.hashCode(key));
    }

    /** Murmur-style mixing of Java's array hash spreads the low bits used for bucket selection. */
    private static int mix(int arrayHash) {
        int h = arrayHash;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /**
     * Touches, without changing anything, what looking up {@code count} keys will read: each key's
     * table slot, its first entry, that entry's key and value, and in a hash or set value the slot
     * of the field or member in {@code memberHashes}. Called with the keys of a whole pipelined
     * batch before it runs; each pass over the batch issues independent loads, so the CPU waits for
     * the batch's cache misses together rather than one lookup after another. Takes {@link
     * Arrays#hashCode(byte[])} values of the keys and members.
     *
     * @return whether looking ahead could help such a batch: false when it names one key only and
     *         that key's value has no table to look into (LPUSH after LPUSH on one list), so the
     *         caller may stop looking ahead for a while
     */
    public boolean prefetch(int[] arrayHashes, int[] memberHashes, int count) {
        if (target != null || count > prefetchEntries.length) {
            return true; // during a resize a key may be in either table: not worth guessing
        }
        Entry[] t = table;
        int mask = t.length - 1;
        Entry[] entries = prefetchEntries;
        for (int i = 0; i < count; i++) {
            entries[i] = t[mix(arrayHashes[i]) & mask];
        }
        Object[] refs = prefetchRefs;
        for (int i = 0; i < count; i++) {
            Entry e = entries[i];
            if (e != null) {
                refs[2 * i] = e.key;
                refs[2 * i + 1] = e.value;
            }
        }
        int sink = 0;
        for (int i = 0; i < 2 * count; i++) {
            Object o = refs[i];
            if (o instanceof byte[] bytes) {
                sink += bytes.length;
            } else if (o != null) {
                sink++;
            }
        }
        boolean useful = false;
        for (int i = 0; i < count; i++) {
            useful |= arrayHashes[i] != arrayHashes[0];
            if (refs[2 * i + 1] instanceof RedisValue value) {
                int touched = value.touchMember(memberHashes[i]);
                if (touched >= 0) {
                    useful = true;
                    sink += touched;
                }
            }
        }
        Arrays.fill(entries, 0, count, null);
        Arrays.fill(refs, 0, 2 * count, null);
        prefetchSink = sink;
        return useful;
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
