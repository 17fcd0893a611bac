package io.redoubt.admin.api;

import java.util.List;

/** The values RE's bdb fields accept, where a field takes one of a few strings. */
final class BdbValues {
    /** Redis's maxmemory-policy values. */
    static final List<String> EVICTION_POLICIES = List.of("noeviction", "allkeys-lru", "allkeys-lfu",
            "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");
    static final List<String> DATA_PERSISTENCE = List.of("disabled", "aof", "snapshot");
    static final List<String> AOF_POLICIES = List.of("appendfsync-every-sec", "appendfsync-always");
    static final List<String> TLS_MODES = List.of("disabled", "enabled", "replica_ssl");
    static final List<String> ENABLED_DISABLED = List.of("enabled", "disabled");
    static final List<String> TYPES = List.of("redis");
    /** RE's shards_count range. */
    static final int MAX_SHARDS = 512;
    static final int MAX_NAME_CHARS = 63;

    private BdbValues() {}
}
