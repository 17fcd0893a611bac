package io.redoubt.security;

import java.util.Locale;

/** tls-auth-clients: whether a client must, may or must not present a certificate. */
public enum ClientAuthMode {
    NO, YES, OPTIONAL;

    /** Redis's words: yes, no, optional. */
    public static ClientAuthMode parse(String text) throws TlsConfigException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes" -> YES;
            case "no" -> NO;
            case "optional" -> OPTIONAL;
            default -> throw new TlsConfigException("tls-auth-clients must be yes, no or optional");
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
