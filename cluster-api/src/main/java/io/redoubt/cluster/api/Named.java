package io.redoubt.cluster.api;

/** A managed object whose name is unique among its kind. */
public sealed interface Named permits Database, User, Role, RedisAcl {
    String name();
}
