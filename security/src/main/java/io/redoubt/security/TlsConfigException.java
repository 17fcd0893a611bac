package io.redoubt.security;

/**
 * TLS settings or material that cannot be used: the message is one line an operator can act on (it
 * names the setting or file and what is wrong, never a secret).
 */
public final class TlsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
