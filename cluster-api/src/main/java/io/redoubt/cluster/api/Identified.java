package io.redoubt.cluster.api;

/** A managed object with a numeric uid that the store allocates when a put carries uid 0. */
public sealed interface Identified permits Node, Database, User, Role, RedisAcl {
    long uid();

    /** The same object under another uid. */
    Identified withUid(long uid);
}
