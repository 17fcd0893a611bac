package io.redoubt.cse;

/**
 * A stored value failed authentication or is not in the expected format: it was changed, truncated,
 * copied from another key or field, or was never written through this library. Never carries plaintext.
 */
public final class TamperedValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TamperedValueException(String message) {
        super(message);
    }
}
