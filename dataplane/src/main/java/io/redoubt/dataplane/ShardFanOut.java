package io.redoubt.dataplane;

import io.redoubt.engine.command.CommandSpec;
import java.util.List;
import java.util.Set;

/**
 * Which commands a database of several shards sends to every shard rather than to the one that owns
 * their keys: the router plans by it, and a shard asks it so that what every shard does once for the
 * same request (an ACL LOG entry for a refused command) is recorded once for the database.
 */
public final class ShardFanOut {
    /**
     * Connection state every link must share (authentication, protocol, database number, name,
     * transaction, subscriptions, tracking), and RESETSTAT, whose figures INFO adds up over shards.
     */
    private static final Set<String> CONNECTION_STATE = Set.of("auth", "hello", "select", "reset",
            "client|setname", "client|setinfo", "readonly", "readwrite", "multi", "discard", "unwatch", "swapdb",
            "subscribe", "psubscribe", "unsubscribe", "punsubscribe",
            "config|resetstat", // Redis gives RESETSTAT no fan-out tip, but INFO adds up every shard's figures
            "client|tracking"); // each shard tracks the keys it owns

    private ShardFanOut() {
    }

    /** Whether the router sends {@code name} to every shard, whatever its arguments. */
    public static boolean connectionState(String name) {
        return CONNECTION_STATE.contains(name);
    }

    /** Whether Redis's command tips ask for every shard (or node) to run a keyless command. */
    private static boolean byTips(CommandSpec spec) {
        List<String> tips = spec.tips();
        return tips.contains("request_policy:all_shards") || tips.contains("request_policy:all_nodes");
    }

    /**
     * Whether every shard runs this request: connection state, or a keyless command the router fans
     * out ({@link #keylessToEveryShard}). Inside a transaction only MULTI, DISCARD and RESET are: the
     * rest queue on one shard.
     */
    static boolean everyShard(CommandSpec spec, byte[][] argv, boolean inMulti) {
        String name = spec.fullName();
        if (inMulti) {
            return name.equals("multi") || name.equals("discard") || name.equals("reset");
        }
        if (CONNECTION_STATE.contains(name)) {
            return true;
        }
        boolean[] keyed = {false};
        spec.keys(argv, k -> keyed[0] = true);
        if (keyed[0]) {
            return false;
        }
        return keylessToEveryShard(spec);
    }

    /**
     * Whether the router sends a keyless command to every shard: INFO and SLOWLOG GET (whose replies it
     * merges its own way), SAVE, BGSAVE and BGREWRITEAOF (each shard has its own files), and what Redis's tips send to every shard with a reply the router can merge
     * (a sum, all succeeded, RANDOMKEY's any, KEYS's concatenation) except CONFIG SET and REWRITE; the
     * rest goes to the first shard.
     */
    public static boolean keylessToEveryShard(CommandSpec spec) {
        String name = spec.fullName();
        if (name.equals("info") || name.equals("slowlog|get")) {
            return true;
        }
        if (name.equals("save") || name.equals("bgsave") || name.equals("bgrewriteaof")) {
            return true; // every shard writes its own files: a snapshot of the first alone would lose data
        }
        if (name.equals("config|set") || name.equals("config|rewrite")) {
            // the database's parameters are one object: the first shard changes or writes them, and a
            // change reaches every shard from there (Redis's tips name every node of a cluster)
            return false;
        }
        List<String> tips = spec.tips();
        return byTips(spec) && !tips.contains("response_policy:special")
                && (tips.contains("response_policy:agg_sum") || tips.contains("response_policy:all_succeeded")
                        || name.equals("randomkey") || name.equals("keys"));
    }
}
