package io.redoubt.engine.keyspace;

/** Redis's maxmemory-policy values. */
public enum EvictionPolicy {
    NOEVICTION("noeviction"),
    ALLKEYS_LRU("allkeys-lru"),
    ALLKEYS_LFU("allkeys-lfu"),
    ALLKEYS_RANDOM("allkeys-random"),
    VOLATILE_LRU("volatile-lru"),
    VOLATILE_LFU("volatile-lfu"),
    VOLATILE_RANDOM("volatile-random"),
    VOLATILE_TTL("volatile-ttl");

    private final String wireName;

    EvictionPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean lfu() {
        return this == ALLKEYS_LFU || this == VOLATILE_LFU;
    }

    public boolean volatileOnly() {
        return name().startsWith("VOLATILE");
    }

    public static EvictionPolicy byName(String name) {
        for (EvictionPolicy p : values()) {
            if (p.wireName.equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }
}
