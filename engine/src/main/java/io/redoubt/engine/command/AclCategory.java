package io.redoubt.engine.command;

import java.util.Locale;

/** Redis's ACL command categories, in Redis's order ({@code ACL CAT}). */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM,
    PUBSUB, ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name without the {@code @}, e.g. {@code keyspace}. */
    public String wireName() {
        return wireName;
    }

    public static AclCategory byName(String name) {
        for (AclCategory c : values()) {
            if (c.wireName.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
