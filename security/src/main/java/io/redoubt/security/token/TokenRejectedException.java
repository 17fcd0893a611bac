package io.redoubt.security.token;

/**
 * A token was not accepted. The REST API answers 401 for every reason; the reason and the one-line
 * message are for the event log (they never contain the token).
 */
public final class TokenRejectedException extends Exception {
    /** Why a token was refused. */
    public enum Reason { MALFORMED, ALGORITHM_NOT_ALLOWED, BAD_SIGNATURE, EXPIRED, INVALID_CLAIMS }

    private final Reason reason;

    public TokenRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
