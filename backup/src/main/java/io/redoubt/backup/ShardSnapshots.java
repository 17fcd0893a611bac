package io.redoubt.backup;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The node's side of a backup: the point-in-time RDB of each of a database's shards. The node takes
 * each snapshot on the shard's thread (as BGSAVE does, a copy of the keyspace) and serializes it on the
 * calling thread, never the shard's, so a backup does not stall the shard.
 */
public interface ShardSnapshots {
    /** How many shards the database has; shards are numbered from 0. */
    int shardCount();

    /**
     * Writes shard {@code shard}'s snapshot as a Redis RDB file to {@code out} (not closing it).
     *
     * @return the number of keys written
     */
    long writeRdb(int shard, OutputStream out) throws IOException;
}
