package io.redoubt.persistence;

/** An RDB file that cannot be loaded; the message names the file and the byte offset. */
public final class RdbLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public RdbLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
