package io.redoubt.node;

import io.redoubt.engine.config.ConfigParameter;
import io.redoubt.engine.config.ConfigTypes;
import java.util.function.Consumer;

/**
 * The replication parameters Redoubt acts on: {@code replicaof} (read at start; REPLICAOF changes the
 * role while running), {@code masterauth} and {@code masteruser}, {@code replica-read-only},
 * {@code replica-serve-stale-data}, {@code repl-backlog-size}, {@code repl-timeout},
 * {@code repl-diskless-sync} (with its delay and max-replicas), {@code min-replicas-to-write} /
 * {@code min-replicas-max-lag}, {@code replica-announce-ip} / {@code -port}, {@code replica-announced}
 * and {@code replica-priority} (shown in INFO); replication reads them when it needs them. The others
 * Redis has are stored so that redis.conf files load.
 */
final class ReplicationParameters {
    private ReplicationParameters() {
    }

    static void define(Consumer<ConfigParameter.Builder> reg) {
        reg.accept(ConfigParameter.builder("replicaof").alias("slaveof").defaultValue("").multiArg()
                .type(ConfigTypes.string()).immutable());
        reg.accept(ConfigParameter.builder("masterauth").defaultValue("").type(ConfigTypes.string()).sensitive());
        reg.accept(ConfigParameter.builder("masteruser").defaultValue("").type(ConfigTypes.string()));
        reg.accept(ConfigParameter.builder("replica-read-only").alias("slave-read-only").defaultValue("yes")
                .type(ConfigTypes.bool()));
        reg.accept(ConfigParameter.builder("replica-serve-stale-data").alias("slave-serve-stale-data")
                .defaultValue("yes").type(ConfigTypes.bool()));
        reg.accept(ConfigParameter.builder("repl-backlog-size").defaultValue("1048576")
                .type(ConfigTypes.memory(1, Long.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("repl-timeout").defaultValue("60").type(ConfigTypes.integer(1, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("repl-ping-replica-period").alias("repl-ping-slave-period").defaultValue("10")
                .type(ConfigTypes.integer(1, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("repl-diskless-sync").defaultValue("yes").type(ConfigTypes.bool()));
        reg.accept(ConfigParameter.builder("repl-diskless-load").defaultValue("disabled")
                .type(ConfigTypes.oneOf("disabled", "on-empty-db", "swapdb")));
        reg.accept(ConfigParameter.builder("replica-priority").alias("slave-priority").defaultValue("100")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("repl-diskless-sync-delay").defaultValue("5")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("repl-diskless-sync-max-replicas").defaultValue("0")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("min-replicas-to-write").alias("min-slaves-to-write").defaultValue("0")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("min-replicas-max-lag").alias("min-slaves-max-lag").defaultValue("10")
                .type(ConfigTypes.integer(0, Integer.MAX_VALUE)));
        reg.accept(ConfigParameter.builder("replica-announce-ip").alias("slave-announce-ip").defaultValue("")
                .type(ConfigTypes.string()));
        reg.accept(ConfigParameter.builder("replica-announce-port").alias("slave-announce-port").defaultValue("0")
                .type(ConfigTypes.integer(0, 65535)));
        reg.accept(ConfigParameter.builder("replica-announced").defaultValue("yes").type(ConfigTypes.bool()));
        // the RDB of a full sync is loaded into a scratch shard and swapped in: no flush to make lazily
        reg.accept(ConfigParameter.builder("replica-lazy-flush").alias("slave-lazy-flush").defaultValue("no")
                .type(ConfigTypes.bool()));
    }
}
