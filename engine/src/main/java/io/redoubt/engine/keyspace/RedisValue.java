package io.redoubt.engine.keyspace;

/**
 * A non-string value (list, hash, set, sorted set, stream). Strings are stored as plain
 * {@code byte[]} to keep the commonest keys small.
 */
public interface RedisValue {
    ValueType type();

    /** The name OBJECT ENCODING reports, e.g. {@code listpack} or {@code hashtable}. */
    String encoding();

    /** Approximate heap bytes held by the value, for maxmemory accounting and MEMORY USAGE. */
    long estimatedBytes();

    /** A deep copy, for COPY. */
    RedisValue copy();

    /**
     * Reads, changing nothing, what looking up the member or field whose {@link
     * java.util.Arrays#hashCode(byte[])} is {@code arrayHash} would read first (see {@link
     * Keyspace#prefetch}); returns something derived from the reads (at least 0) so that they are
     * kept, or -1 when this encoding has no table to look ahead in.
     */
    default int touchMember(int arrayHash) {
        return -1;
    }
}
