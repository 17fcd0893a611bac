package io.redoubt.it.shards;

import io.redoubt.engine.keyspace.HashSlot;
import java.nio.charset.StandardCharsets;

/** Keys that a database of several shards places on a chosen shard, as its router places them. */
public final class ShardKeys {
    private ShardKeys() {
    }

    /** The first key {@code stem0}, {@code stem1}, ... that shard {@code n} of {@code shards} owns. */
    public static String onShard(int n, int shards, String stem) {
        for (int i = 0; ; i++) {
            String key = stem + i;
            if (HashSlot.of(key.getBytes(StandardCharsets.UTF_8)) * shards / HashSlot.SLOTS == n) {
                return key;
            }
        }
    }
}
