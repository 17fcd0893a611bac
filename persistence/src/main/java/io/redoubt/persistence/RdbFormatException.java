package io.redoubt.persistence;

/** Bytes that are not a valid RDB file or serialized value (RESTORE answers "Bad data format"). */
public final class RdbFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RdbFormatException(String message) {
        super(message);
    }
}
