package io.redoubt.cluster.api;

/**
 * The store could not decide a proposal: no quorum, no leader reachable in time, or the store is closed.
 * The transaction may or may not commit later; a caller that retries should use an expected revision so a
 * repeat cannot apply twice.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
