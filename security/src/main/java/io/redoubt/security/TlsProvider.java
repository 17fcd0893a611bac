package io.redoubt.security;

import java.util.Locale;

/**
 * tls-provider: the TLS implementation. {@code jdk} (the default) enforces every configured policy,
 * TLS 1.3 suites included. {@code openssl} (BoringSSL through netty-tcnative) is faster but fixes the
 * TLS 1.3 suites itself, so it is accepted only when tls-ciphersuites is empty.
 */
public enum TlsProvider {
    JDK, OPENSSL;

    public static TlsProvider parse(String text) throws TlsConfigException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "jdk" -> JDK;
            case "openssl" -> OPENSSL;
            default -> throw new TlsConfigException("tls-provider must be jdk or openssl");
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
