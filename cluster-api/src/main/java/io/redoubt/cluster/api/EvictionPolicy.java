package io.redoubt.cluster.api;

/** A database's eviction policy (RE bdb `eviction_policy`, Redis's maxmemory-policy names). */
public enum EvictionPolicy implements ReNamed {
    VOLATILE_LRU("volatile-lru"),
    VOLATILE_TTL("volatile-ttl"),
    VOLATILE_RANDOM("volatile-random"),
    ALLKEYS_LRU("allkeys-lru"),
    ALLKEYS_RANDOM("allkeys-random"),
    NOEVICTION("noeviction"),
    VOLATILE_LFU("volatile-lfu"),
    ALLKEYS_LFU("allkeys-lfu");

    private final String reName;

    EvictionPolicy(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static EvictionPolicy of(String name) {
        return ReNamed.parse(EvictionPolicy.class, name);
    }
}
