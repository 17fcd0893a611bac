package io.redoubt.engine.keyspace;

/**
 * Told about every change to a key, on the shard's thread, before the command replies. WATCH,
 * blocking commands and keyspace notifications listen here.
 */
public interface KeyspaceObserver {
    /** The key was created, changed or deleted. */
    void keyModified(Keyspace db, byte[] key);

    /** The key was deleted because its time passed (lazily or by the active cycle). */
    default void keyExpired(Keyspace db, byte[] key) {
    }

    /** The key was deleted to free memory. */
    default void keyEvicted(Keyspace db, byte[] key) {
    }
}
