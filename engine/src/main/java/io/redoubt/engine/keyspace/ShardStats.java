package io.redoubt.engine.keyspace;

/** Counters INFO reports for a shard; written only by the shard's thread. */
public final class ShardStats {
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    public long evictedKeys;
    public long expiredStalePercent;
    public long activeExpireCycles;
    /**
     * Values Redis would have freed on its lazyfree thread (INFO lazyfreed_objects): UNLINKed values that
     * cost more than 64 allocations to free, and every key of FLUSHDB/FLUSHALL ASYNC. The JVM reclaims
     * everything in the background anyway; the count says how much of it Redis would have deferred.
     */
    public long lazyfreedObjects;

    /** CONFIG RESETSTAT. */
    public void reset() {
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        activeExpireCycles = 0;
        lazyfreedObjects = 0;
    }
}
