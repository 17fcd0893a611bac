package io.redoubt.backup;

import java.io.IOException;

/**
 * A destination operation that failed, with its typed reason and a one-line message that names the
 * destination and the file but never a credential (destinations build the text themselves and never copy
 * a server's or SDK's message without {@link Redaction}).
 */
public final class DestinationException extends IOException {
    private static final long serialVersionUID = 1L;
    private final FailureReason reason;

    public DestinationException(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DestinationException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
