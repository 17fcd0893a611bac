package io.redoubt.backup;

/** The database a backup belongs to: RE's {@code uid} and {@code name}. */
public record DatabaseRef(long uid, String name) {
    public DatabaseRef {
        if (uid <= 0) {
            throw new IllegalArgumentException("database uid must be positive");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("database name must not be empty");
        }
    }
}
