package io.redoubt.engine.config;

/** A parameter value that cannot be accepted; the message says why, in Redis's words where it has them. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
