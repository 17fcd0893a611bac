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
}
