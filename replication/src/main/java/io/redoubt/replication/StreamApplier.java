package io.redoubt.replication;

import io.redoubt.engine.keyspace.Shard;
import io.redoubt.persistence.CommandReplay;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the master's commands on the replica's shard, on its thread, through the same path the AOF
 * replays through ({@link CommandReplay}): no client, no ACL check (the master checked them), the
 * selected database kept from one batch to the next. While they run, keys whose time has passed are
 * live for them, as they are on the master until its DEL arrives. The master's PINGs and REPLCONFs
 * only move the offset.
 */
final class StreamApplier {
    private static final Logger LOG = LoggerFactory.getLogger(StreamApplier.class);

    private final Shard shard;
    private final CommandReplay replay;

    StreamApplier(Shard shard, CommandReplay replay) {
        this.shard = shard;
        this.replay = replay;
    }

    /** The database the master's stream has selected (a sub-replica's RDB says it: repl-stream-db). */
    int db() {
        return replay.dbIndex();
    }

    /** After a full sync: the stream goes on in the database the RDB names, as Redis's master client does. */
    void select(int db) {
        replay.select(db);
    }

    void apply(List<byte[][]> batch) {
        shard.applyingMasterStream(true);
        try {
            for (byte[][] cmd : batch) {
                String name = new String(cmd[0], StandardCharsets.ISO_8859_1);
                if (name.equalsIgnoreCase("PING") || name.equalsIgnoreCase("REPLCONF")) {
                    continue;
                }
                String error = replay.run(cmd);
                if (error != null) {
                    LOG.warn("A command from the master failed on this replica: {} answered {}", name, error);
                }
            }
        } finally {
            shard.applyingMasterStream(false);
        }
    }
}
