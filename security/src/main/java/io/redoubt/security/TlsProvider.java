package io.redoubt.security;

import java.util.Locale;

/**
 * tls-provider: the TLS implementation. {@code jdk} (the default) enforces every configured policy,
 * TLS 1.3 suites included, inside the handshake. {@code openssl} (BoringSSL through netty-tcnative) is
 * faster but negotiates TLS 1.3 suites from its own fixed list, so a tls-ciphersuites list is enforced
 * only after the handshake ({@link TlsServerContext#refusal}): a client offering both an allowed suite
 * and one BoringSSL prefers is refused where the JDK provider would have let it in.
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
