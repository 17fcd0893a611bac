package io.redoubt.engine.exec;

import io.redoubt.engine.command.CommandSpec;

/**
 * Receives every command that ran, once, after it ran, so that what it wrote can be recorded as its
 * spec's {@link io.redoubt.engine.command.Propagation} says. The AOF is the first implementation;
 * the replication backlog will be the second. Called on the shard's thread; must not block on I/O
 * beyond what its durability policy requires.
 */
public interface CommandLog {
    /** {@code db} is the keyspace the command ran in; a command that wrote nothing may be ignored. */
    void afterCommand(int db, CommandSpec spec, byte[][] argv);

    /**
     * As {@link #afterCommand(int, CommandSpec, byte[][])}, when the command named what to record in
     * its place ({@code effects}, null when it did not).
     */
    default void afterCommand(int db, CommandSpec spec, byte[][] argv, java.util.List<byte[][]> effects) {
        afterCommand(db, spec, argv);
    }

    /** EXEC starts running its queued commands: what they write is one atomic unit. */
    default void transactionStarted() {
    }

    /** EXEC finished its queued commands. */
    default void transactionEnded() {
    }

    /**
     * The running command changed the data set though no key (FUNCTION LOAD, DELETE, FLUSH, RESTORE):
     * it is recorded as a write, as Redis propagates it.
     */
    default void changedWithoutKeys() {
    }

    /**
     * The running command's changes are not to be recorded: DEBUG RELOAD, LOADAOF and POPULATE change
     * data without propagating it, as in Redis.
     */
    default void discardCurrentCommand() {
    }
}
