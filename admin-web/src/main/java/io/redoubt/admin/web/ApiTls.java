package io.redoubt.admin.web;

import java.util.Objects;

/**
 * The API's certificate chain (leaf first) and its private key, both PEM, the key already unsealed by the
 * caller. Held only long enough to build Jetty's key store; {@code toString} never shows the key.
 */
public record ApiTls(String certificateChainPem, String privateKeyPem) {
    public ApiTls {
        Objects.requireNonNull(certificateChainPem, "certificate chain");
        Objects.requireNonNull(privateKeyPem, "private key");
    }

    @Override
    public String toString() {
        return "ApiTls[key=(redacted)]";
    }
}
