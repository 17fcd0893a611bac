package io.redoubt.persistence;

import io.redoubt.engine.keyspace.Shard;
import io.redoubt.engine.keyspace.ShardSettings;
import java.io.InputStream;
import java.time.InstantSource;

/**
 * Loads an RDB into a fresh shard that nothing else can reach, and reports what it held: a trial
 * restore, for modules that may not touch a keyspace (backup verification). The shard is dropped when
 * the load returns; a live database is never involved.
 */
public final class ScratchRestore {
    /**
     * @param keys           the keys the scratch shard holds after the load
     * @param expiredSkipped keys in the file whose expiry had passed (a master skips them while loading)
     */
    public record Outcome(long keys, long expiredSkipped, long bytesRead) {
    }

    private ScratchRestore() {
    }

    /**
     * @param name      the file name for error messages
     * @param maxSize   the RDB's size, which bounds every length read from it
     * @param databases how many numbered databases the scratch shard has (a SELECT beyond them fails)
     */
    public static Outcome load(InputStream rdb, String name, long maxSize, int databases) throws RdbLoadException {
        Shard scratch = new Shard(0, databases, InstantSource.system(), ShardSettings.DEFAULT);
        RdbLoader.Result r = new RdbLoader(scratch).load(rdb, name, maxSize);
        return new Outcome(scratch.keyCount(), r.expiredSkipped(), r.bytesRead());
    }
}
