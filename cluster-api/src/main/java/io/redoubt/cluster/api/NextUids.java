package io.redoubt.cluster.api;

/**
 * The uid the store gives the next object of each kind put with uid 0. Part of the replicated state, so
 * every peer allocates the same uids; uids are never reused, even after a delete.
 */
public record NextUids(long node, long database, long user, long role, long redisAcl) {
    /** A new cluster's counters: every kind starts at 1, as RE's uids do. */
    public static final NextUids FIRST = new NextUids(1, 1, 1, 1, 1);

    public NextUids {
        if (node < 1 || database < 1 || user < 1 || role < 1 || redisAcl < 1) {
            throw new IllegalArgumentException("next uids must be positive");
        }
    }

    /** The uid the next allocation of {@code kind} gets. */
    public long next(ObjectKind kind) {
        return switch (kind) {
            case NODE -> node;
            case DATABASE -> database;
            case USER -> user;
            case ROLE -> role;
            case REDIS_ACL -> redisAcl;
        };
    }

    /** The counters once {@code uid} of {@code kind} is taken: the next is above it. */
    public NextUids taken(ObjectKind kind, long uid) {
        long after = Math.max(next(kind), uid + 1);
        return switch (kind) {
            case NODE -> new NextUids(after, database, user, role, redisAcl);
            case DATABASE -> new NextUids(node, after, user, role, redisAcl);
            case USER -> new NextUids(node, database, after, role, redisAcl);
            case ROLE -> new NextUids(node, database, user, after, redisAcl);
            case REDIS_ACL -> new NextUids(node, database, user, role, after);
        };
    }
}
