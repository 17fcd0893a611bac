package io.redoubt.engine.keyspace;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The unit of data ownership: a set of logical databases run by exactly one thread. Every method
 * must be called on that thread; nothing here is synchronized. The shard keeps the command clock
 * (one timestamp per command, as Redis does), the access clock used for eviction, the memory
 * estimate compared against {@code maxmemory}, and runs eviction and the active expiry cycle.
 */
public final class Shard {
    private static final int LFU_INIT_VAL = 5;
    private static final int LRU_CLOCK_MAX = (1 << 24) - 1;
    private static final int EXPIRE_KEYS_PER_LOOP = 20;
    private static final int CRON_REHASH_BUCKETS = 1000;

    private final int id;
    private final Keyspace[] dbs;
    private final InstantSource clock;
    private final ShardStats stats = new ShardStats();
    private final List<KeyspaceObserver> observers = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom();
    private volatile ShardSettings settings;
    private volatile EncodingLimits encodingLimits = EncodingLimits.DEFAULT;
    private long now;
    /**
     * With the system clock, a command's time is the wall clock read at the last cron plus the
     * {@code System.nanoTime} that has passed since: the dispatcher reads nanoTime anyway to time the
     * command, and a second clock read per command costs several percent of a short one.
     */
    private final boolean derivedClock;
    private long wallBase;
    private long nanoBase;
    private long usedMemory;
    private volatile long overheadBytes;
    private int expireDbCursor;
    private int evictDbCursor;
    private final EvictionPool evictionPool = new EvictionPool();
    private final KeyspaceEvents events = new KeyspaceEvents();
    private KeyspaceObserver.WholeChange wholeChange; // the one in progress, or null
    /** A replica's keys expire only by its master's DELs (Redis's rule): it never deletes one itself. */
    private volatile boolean replica;
    private FunctionLibraries functions = FunctionLibraries.NONE;
    /** The master's stream is being applied: its commands see every key as its master does, live. */
    private boolean applyingMasterStream;

    public Shard(int id, int databases, InstantSource clock, ShardSettings settings) {
        this.id = id;
        this.clock = clock;
        this.settings = settings;
        this.dbs = new Keyspace[databases];
        for (int i = 0; i < databases; i++) {
            dbs[i] = new Keyspace(this, i);
        }
        this.derivedClock = clock == InstantSource.system();
        rebaseClock();
        this.now = wallBase;
    }

    /**
     * Switches this shard to a replica's expiry (on) or back to a master's. A replica neither expires
     * keys actively nor deletes them on access: a key whose time has passed reads as missing for its
     * clients but stays until the master's DEL arrives, so replica and master never disagree.
     */
    public void replica(boolean on) {
        this.replica = on;
    }

    public boolean replica() {
        return replica;
    }

    /** Set while the master's stream is applied (shard thread only): its commands see expired keys live. */
    public void applyingMasterStream(boolean on) {
        this.applyingMasterStream = on;
    }

    boolean applyingMasterStream() {
        return applyingMasterStream;
    }

    /** The shard's function libraries, for snapshots and loaders. */
    public FunctionLibraries functions() {
        return functions;
    }

    public void functions(FunctionLibraries libraries) {
        this.functions = libraries;
    }

    public int id() {
        return id;
    }

    public Keyspace db(int index) {
        return dbs[index];
    }

    public int databaseCount() {
        return dbs.length;
    }

    public ShardStats stats() {
        return stats;
    }

    public ShardSettings settings() {
        return settings;
    }

    /** Replaces the settings; safe from any thread (the shard reads them at its next command). */
    public void settings(ShardSettings settings) {
        this.settings = settings;
    }

    public EncodingLimits encodingLimits() {
        return encodingLimits;
    }

    /** Replaces the encoding thresholds; safe from any thread. */
    public void encodingLimits(EncodingLimits limits) {
        this.encodingLimits = limits;
    }

    /** Keyspace notifications (notify-keyspace-events) of every database of this shard. */
    public KeyspaceEvents events() {
        return events;
    }

    public void addObserver(KeyspaceObserver observer) {
        observers.add(observer);
    }

    public java.util.random.RandomGenerator random() {
        return random;
    }

    /** Fixes the command clock for the command about to run. */
    public void beginCommand() {
        now = clock.millis();
    }

    /**
     * {@link #beginCommand()} for a command that starts at {@code nanoTime} ({@code System.nanoTime}):
     * with the system clock the time is derived from it, without reading the wall clock again.
     */
    public long beginCommand(long nanoTime) {
        now = derivedClock ? wallBase + (nanoTime - nanoBase) / 1_000_000 : clock.millis();
        return now;
    }

    /** Reads the wall clock again, so that a step in it (NTP) reaches the command clock within a cron tick. */
    private void rebaseClock() {
        nanoBase = System.nanoTime();
        wallBase = clock.millis();
    }

    /** Milliseconds since the epoch at the start of the running command. */
    public long now() {
        return now;
    }

    public InstantSource clock() {
        return clock;
    }

    /** Estimated bytes used by keys and values. */
    public long usedMemory() {
        return usedMemory;
    }

    /**
     * Bytes the server uses besides the data set (its own structures, its clients), which Redis counts
     * in used_memory and so against maxmemory; set by the endpoint as clients come and go.
     */
    public long overheadBytes() {
        return overheadBytes;
    }

    public void overheadBytes(long bytes) {
        overheadBytes = bytes;
    }

    void addMemory(long delta) {
        usedMemory += delta;
    }

    public long keyCount() {
        long n = 0;
        for (Keyspace db : dbs) {
            n += db.size();
        }
        return n;
    }

    private long changeCount;

    // ---- observers --------------------------------------------------------------------------------

    /**
     * Changes counted so far (key signals and extra changes; expiries and evictions are not changes, as in
     * Redis): see {@link Keyspace#countChangesSince}.
     */
    long changeCount() {
        return changeCount;
    }

    void keyModified(Keyspace db, byte[] key) {
        changeCount++;
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).keyModified(db, key);
        }
    }

    void extraChanges(long extra) {
        if (extra == 0) {
            return;
        }
        changeCount += extra;
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).extraChanges(extra);
        }
    }

    void notifyExpired(Keyspace db, byte[] key) {
        for (int i = 0; i < observers.size(); i++) {
            KeyspaceObserver o = observers.get(i);
            o.keyModified(db, key);
            o.keyExpired(db, key);
        }
    }

    private void notifyEvicted(Keyspace db, byte[] key) {
        for (int i = 0; i < observers.size(); i++) {
            KeyspaceObserver o = observers.get(i);
            o.keyModified(db, key);
            o.keyEvicted(db, key);
        }
    }

    /** Starts a whole-database change; false when one is already running (it covers this one). */
    boolean startWholeChange(KeyspaceObserver.WholeChange change) {
        if (wholeChange != null) {
            return false;
        }
        wholeChange = change;
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).wholeChangeStarted(change);
        }
        return true;
    }

    void endWholeChange() {
        KeyspaceObserver.WholeChange change = wholeChange;
        wholeChange = null;
        for (int i = 0; i < observers.size(); i++) {
            observers.get(i).wholeChangeEnded(change);
        }
    }

    // ---- whole-shard operations ---------------------------------------------------------------------

    /**
     * SWAPDB: exchanges two databases' contents, then signals every key of either in both, as Redis
     * touches a watched key that exists in either database: a key only in the other database now
     * exists here (watchers must see it, blocked clients may be served), a key only here is gone.
     */
    public void swap(int a, int b) {
        boolean started = startWholeChange(KeyspaceObserver.WholeChange.SWAP);
        try {
            dbs[a].swapContents(dbs[b]);
            // a key in either database changed in both: WATCH and tracking of each see it
            dbs[a].forEachEntry(e -> {
                keyModified(dbs[a], e.key);
                keyModified(dbs[b], e.key);
            });
            dbs[b].forEachEntry(e -> {
                keyModified(dbs[b], e.key);
                keyModified(dbs[a], e.key);
            });
        } finally {
            if (started) {
                endWholeChange();
            }
        }
    }

    /** FLUSHALL; returns the number of keys removed. */
    public long flushAll() {
        long removed = 0;
        boolean started = startWholeChange(KeyspaceObserver.WholeChange.FLUSH);
        try {
            for (Keyspace db : dbs) {
                removed += db.clear();
            }
        } finally {
            if (started) {
                endWholeChange();
            }
        }
        usedMemory = 0;
        return removed;
    }

    // ---- access tracking (LRU / LFU) --------------------------------------------------------------

    /** The access clock as Redis keeps it: seconds, 24 bits. */
    public int lruClock() {
        return (int) ((now / 1000) & LRU_CLOCK_MAX);
    }

    private int lfuMinutes() {
        return (int) ((now / 60000) & 0xffff);
    }

    /**
     * The LRU stamp kept in {@link Entry#access}: the low 32 bits of the command clock in
     * milliseconds. Redis keeps seconds in 24 bits; milliseconds let eviction tell apart keys used
     * within the same second (the stamp wraps after ~49 days, Redis's after ~194).
     */
    private int lruStamp() {
        return (int) now;
    }

    void initAccess(Entry e) {
        e.access = settings.policy().lfu() ? (lfuMinutes() << 8) | LFU_INIT_VAL : lruStamp();
    }

    /** Records an access to {@code e} for eviction. */
    public void touch(Entry e) {
        if (settings.policy().lfu()) {
            int counter = lfuDecayed(e);
            counter = lfuIncrement(counter);
            e.access = (lfuMinutes() << 8) | counter;
        } else {
            e.access = lruStamp();
        }
    }

    /**
     * Sets the access data carried by RESTORE's IDLETIME/FREQ or an RDB's IDLE/FREQ opcodes, as
     * Redis's objectSetLRUOrLFU: the frequency counts under an LFU policy, the idle time otherwise;
     * a negative argument means absent.
     */
    public void restoreAccess(Entry e, long idleSeconds, int freq) {
        if (settings.policy().lfu()) {
            if (freq >= 0) {
                e.access = (lfuMinutes() << 8) | Math.min(freq, 255);
            }
        } else if (idleSeconds >= 0) {
            e.access = lruStamp() - (int) Math.min(idleSeconds * 1000, Integer.MAX_VALUE);
        }
    }

    /** Milliseconds since the key was last accessed, from its LRU stamp. */
    public long idleMillis(Entry e) {
        return Integer.toUnsignedLong(lruStamp() - e.access);
    }

    /** Seconds since the key was last accessed (OBJECT IDLETIME). */
    public long idleSeconds(Entry e) {
        return idleMillis(e) / 1000;
    }

    /** The logarithmic access counter after decay (OBJECT FREQ). */
    public int lfuDecayed(Entry e) {
        int lastMinutes = (e.access >>> 8) & 0xffff;
        int counter = e.access & 0xff;
        int nowMinutes = lfuMinutes();
        int elapsed = nowMinutes >= lastMinutes ? nowMinutes - lastMinutes : 65535 - lastMinutes + nowMinutes;
        int decay = settings.lfuDecayMinutes();
        int periods = decay > 0 ? elapsed / decay : 0;
        return periods > counter ? 0 : counter - periods;
    }

    private int lfuIncrement(int counter) {
        if (counter == 255) {
            return 255;
        }
        double base = Math.max(0, counter - LFU_INIT_VAL);
        double p = 1.0 / (base * settings.lfuLogFactor() + 1);
        return random.nextDouble() < p ? counter + 1 : counter;
    }

    // ---- eviction ---------------------------------------------------------------------------------

    /**
     * Evicts keys by the configured policy until the memory estimate (the data set plus {@link
     * #overheadBytes()}, Redis's used_memory) is under {@code maxmemory}.
     * Returns false when it is still over the limit and nothing more can be evicted, so the caller
     * refuses commands that would grow memory with Redis's OOM error.
     */
    public boolean evictIfNeeded() {
        return evictIfNeeded(0);
    }

    /**
     * As {@link #evictIfNeeded()}, counting {@code heldBytes} that the caller holds outside the
     * keyspace (a client's queued transaction, which Redis's used memory includes) as used.
     */
    public boolean evictIfNeeded(long heldBytes) {
        ShardSettings s = settings;
        heldBytes += overheadBytes;
        if (s.maxMemory() <= 0 || usedMemory + heldBytes <= s.maxMemory()) {
            return true;
        }
        if (s.policy() == EvictionPolicy.NOEVICTION) {
            return false;
        }
        int guard = 0;
        boolean volatileOnly = s.policy().volatileOnly();
        boolean random = s.policy() == EvictionPolicy.ALLKEYS_RANDOM || s.policy() == EvictionPolicy.VOLATILE_RANDOM;
        while (usedMemory + heldBytes > s.maxMemory()) {
            if (++guard > 1_000_000) {
                return false;
            }
            Entry victim;
            Keyspace victimDb;
            if (random) {
                victimDb = randomDatabase(volatileOnly);
                victim = victimDb == null ? null
                        : volatileOnly ? victimDb.randomVolatile(this.random) : victimDb.randomEntry(this.random);
            } else {
                for (Keyspace db : dbs) {
                    for (int i = 0; i < s.samples(); i++) {
                        Entry e = volatileOnly ? db.randomVolatile(this.random) : db.randomEntry(this.random);
                        if (e == null) {
                            break;
                        }
                        evictionPool.offer(db, e, evictionScore(s.policy(), e));
                    }
                }
                victim = evictionPool.takeBest(volatileOnly);
                victimDb = evictionPool.takenFrom();
            }
            if (victim == null) {
                return false;
            }
            victimDb.remove(victim);
            stats.evictedKeys++;
            events.notify(EventClass.EVICTED, "evicted", victimDb.index(), victim.key);
            notifyEvicted(victimDb, victim.key);
        }
        return true;
    }

    /** A database with keys (with an expiry when {@code volatileOnly}), chosen round-robin as Redis does. */
    private Keyspace randomDatabase(boolean volatileOnly) {
        for (int n = 0; n < dbs.length; n++) {
            Keyspace db = dbs[evictDbCursor];
            evictDbCursor = (evictDbCursor + 1) % dbs.length;
            if (volatileOnly ? db.volatileCount() > 0 : db.size() > 0) {
                return db;
            }
        }
        return null;
    }

    /** Higher is a better victim. */
    private long evictionScore(EvictionPolicy policy, Entry e) {
        return switch (policy) {
            case ALLKEYS_LRU, VOLATILE_LRU -> idleMillis(e);
            case ALLKEYS_LFU, VOLATILE_LFU -> 255 - lfuDecayed(e);
            case VOLATILE_TTL -> -e.expireAt;
            default -> 0;
        };
    }

    // ---- periodic work ----------------------------------------------------------------------------

    /**
     * Called about every 100 ms on the shard's thread: deletes expired keys by sampling, as Redis's
     * active expire cycle does, spending at most {@code budgetNanos}.
     *
     * @return how long the expire cycle took in nanoseconds (Redis's {@code expire-cycle} latency
     *         event), or -1 when it did not run (active expiry off, or a replica)
     */
    public long cron(long budgetNanos) {
        rebaseClock();
        now = wallBase;
        // Finish resizes of databases nobody writes to, a bounded number of buckets per tick.
        for (Keyspace db : dbs) {
            db.rehash(CRON_REHASH_BUCKETS);
        }
        ShardSettings s = settings;
        if (!s.activeExpire() || replica) {
            return -1;
        }
        long start = System.nanoTime();
        long deadline = start + budgetNanos;
        int perLoop = EXPIRE_KEYS_PER_LOOP + EXPIRE_KEYS_PER_LOOP / 4 * (s.activeExpireEffort() - 1);
        int acceptableStale = 10 - (s.activeExpireEffort() - 1);
        stats.activeExpireCycles++;
        for (int n = 0; n < dbs.length; n++) {
            Keyspace db = dbs[expireDbCursor];
            expireDbCursor = (expireDbCursor + 1) % dbs.length;
            while (db.volatileCount() > 0) {
                int sampled = 0;
                int expired = 0;
                int toSample = Math.min(perLoop, db.volatileCount());
                for (int i = 0; i < toSample && db.volatileCount() > 0; i++) {
                    Entry e = db.randomVolatile(random);
                    sampled++;
                    if (e.expireAt <= now) {
                        db.expire(e);
                        expired++;
                    }
                }
                if (sampled == 0 || expired * 100 / sampled <= acceptableStale) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    return System.nanoTime() - start;
                }
            }
        }
        return System.nanoTime() - start;
    }
}
