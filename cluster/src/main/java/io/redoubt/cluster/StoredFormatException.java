package io.redoubt.cluster;

/**
 * A log entry, snapshot or reply that this version cannot read: an unknown format version, a missing or
 * mistyped field. The store stops rather than guess, since a peer that skips an entry diverges for good.
 */
final class StoredFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoredFormatException(String message) {
        super(message);
    }

    StoredFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
