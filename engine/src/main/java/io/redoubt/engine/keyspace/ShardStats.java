package io.redoubt.engine.keyspace;

/** Counters INFO reports for a shard; written only by the shard's thread. */
public final class ShardStats {
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    public long evictedKeys;
    public long expiredStalePercent;
    public long activeExpireCycles;

    /** CONFIG RESETSTAT. */
    public void reset() {
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        activeExpireCycles = 0;
    }
}
