package io.redoubt.engine.keyspace;

/**
 * A value whose fields can be read by name: hashes implement it so that SORT's {@code BY} and
 * {@code GET} patterns with {@code ->field} can read a field without knowing the hash's encoding.
 */
public interface FieldLookup extends RedisValue {
    /** The value of {@code field}, or null when the field does not exist. */
    byte[] field(byte[] field);
}
