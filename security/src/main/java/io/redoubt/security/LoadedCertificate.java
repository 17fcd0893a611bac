package io.redoubt.security;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What INFO and the expiry warning show of a certificate in use.
 *
 * @param role    {@code server} for the listener's own certificate (chain members are {@code chain}),
 *                {@code ca} for a trusted client CA
 */
public record LoadedCertificate(String role, String subject, String serial, Instant notAfter) {
    static LoadedCertificate of(String role, X509Certificate c) {
        return new LoadedCertificate(role, c.getSubjectX500Principal().getName(),
                c.getSerialNumber().toString(16), c.getNotAfter().toInstant());
    }
}
