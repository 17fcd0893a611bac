package io.redoubt.engine.keyspace;

/**
 * The configuration a shard reads while running commands; replaced as a whole when CONFIG SET changes
 * one of these parameters.
 *
 * @param maxMemory       bytes; 0 means no limit
 * @param policy          what to evict when over {@code maxMemory}
 * @param samples         keys sampled per eviction ({@code maxmemory-samples})
 * @param lfuLogFactor    {@code lfu-log-factor}
 * @param lfuDecayMinutes {@code lfu-decay-time}
 * @param activeExpire    whether the cron deletes expired keys nobody touches
 * @param activeExpireEffort {@code active-expire-effort}, 1..10
 */
public record ShardSettings(long maxMemory, EvictionPolicy policy, int samples, int lfuLogFactor,
                            int lfuDecayMinutes, boolean activeExpire, int activeExpireEffort) {

    public static final ShardSettings DEFAULT =
            new ShardSettings(0, EvictionPolicy.NOEVICTION, 5, 10, 1, true, 1);

    public ShardSettings withMaxMemory(long v) {
        return new ShardSettings(v, policy, samples, lfuLogFactor, lfuDecayMinutes, activeExpire, activeExpireEffort);
    }

    public ShardSettings withPolicy(EvictionPolicy v) {
        return new ShardSettings(maxMemory, v, samples, lfuLogFactor, lfuDecayMinutes, activeExpire, activeExpireEffort);
    }

    public ShardSettings withSamples(int v) {
        return new ShardSettings(maxMemory, policy, v, lfuLogFactor, lfuDecayMinutes, activeExpire, activeExpireEffort);
    }

    public ShardSettings withLfuLogFactor(int v) {
        return new ShardSettings(maxMemory, policy, samples, v, lfuDecayMinutes, activeExpire, activeExpireEffort);
    }

    public ShardSettings withLfuDecayMinutes(int v) {
        return new ShardSettings(maxMemory, policy, samples, lfuLogFactor, v, activeExpire, activeExpireEffort);
    }

    public ShardSettings withActiveExpire(boolean v) {
        return new ShardSettings(maxMemory, policy, samples, lfuLogFactor, lfuDecayMinutes, v, activeExpireEffort);
    }

    public ShardSettings withActiveExpireEffort(int v) {
        return new ShardSettings(maxMemory, policy, samples, lfuLogFactor, lfuDecayMinutes, activeExpire, v);
    }
}
