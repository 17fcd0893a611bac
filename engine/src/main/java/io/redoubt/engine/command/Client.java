package io.redoubt.engine.command;

/** What command code may know and change about the client that sent the command. */
public interface Client {
    long id();

    /** Index of the selected logical database. */
    int dbIndex();

    void select(int dbIndex);

    /** RESP protocol version, 2 or 3. */
    int protocol();

    /** CLIENT NO-TOUCH: reads by this client do not update keys' access time. */
    boolean noTouch();

    /** What a blocked command replies when its timeout passes. */
    enum TimeoutReply { NULL_ARRAY, NULL_BULK }

    /**
     * False inside MULTI/EXEC (and scripts): a blocking command that finds no data must then answer
     * at once as if its timeout had passed.
     */
    boolean mayBlock();

    /**
     * Parks the client: the handler has written no reply, and the command runs again when one of
     * {@code keys} holds a value of {@code type} after some other command, or answers
     * {@code onTimeout} after {@code timeoutMillis} (0 waits forever). Waiters are served first come,
     * first served.
     */
    void block(byte[][] keys, io.redoubt.engine.keyspace.ValueType type, long timeoutMillis, TimeoutReply onTimeout);

    /**
     * As {@link #block}, but the command also runs again when one of {@code keys} is deleted or replaced
     * by a value of another type: Redis ends an XREADGROUP wait then (the command answers its error),
     * while the other blocking commands keep waiting. A client that never blocks never gets here.
     */
    default void blockUntilKeyLost(byte[][] keys, io.redoubt.engine.keyspace.ValueType type, long timeoutMillis,
                                   TimeoutReply onTimeout) {
        block(keys, type, timeoutMillis, onTimeout);
    }

    /**
     * While a blocked command runs again, the key that became ready (serve from it first, as Redis
     * does); null on a command's first run.
     */
    byte[] readyKey();

    /**
     * Whether the client's user may run {@code spec} with {@code argv} under permissions that read
     * every key (all keys, {@code ~*} or {@code %R~*}), as Redis's ACLUserCheckCmdWithUnrestrictedKeyAccess
     * decides: commands consult it for keys no key spec can name in advance (SORT's BY and GET
     * patterns). The ACL decides; command code never reads ACL rules.
     */
    boolean mayReadEveryKey(CommandSpec spec, byte[][] argv);
}
