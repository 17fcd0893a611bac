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

    /**
     * The command counts {@code extra} changes more (or fewer, when negative) than its key signals, as
     * Redis's {@code server.dirty} counts elements (SADD of three new members is three changes) where
     * {@link #keyModified} is one signal per key.
     */
    default void extraChanges(long extra) {
    }

    /** A change to whole databases at once, rather than to some of their keys. */
    enum WholeChange {
        /** FLUSHDB or FLUSHALL: every key goes. */
        FLUSH,
        /** SWAPDB: two databases exchange their keys. */
        SWAP
    }

    /**
     * A {@link WholeChange} starts: the {@link #keyModified} signals up to {@link #wholeChangeEnded}
     * are its keys (WATCH needs each of them; client-side caching treats the change as one event, as
     * Redis does). Not nested: FLUSHALL is one FLUSH, not one per database.
     */
    default void wholeChangeStarted(WholeChange change) {
    }

    default void wholeChangeEnded(WholeChange change) {
    }
}
