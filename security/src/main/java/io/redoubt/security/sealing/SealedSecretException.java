package io.redoubt.security.sealing;

/** A sealed secret could not be opened; the message says why and what to do, never the secret. */
public final class SealedSecretException extends Exception {
    public SealedSecretException(String message) {
        super(message);
    }

    public SealedSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
