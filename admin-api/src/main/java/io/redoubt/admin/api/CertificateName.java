package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The certificates a node uses, under RE's names (security/certificates). */
public enum CertificateName {
    /** The REST API (port 9443). */
    API("api", true),
    /** The console (port 8443). */
    CM("cm", true),
    /** Client-to-database TLS. */
    PROXY("proxy", true),
    /** TLS to remote syslog. */
    SYSLOG("syslog", true),
    /** The metrics endpoint. */
    METRICS_EXPORTER("metrics_exporter", true),
    /** The CA trusted for client certificates on the REST API: a certificate without a key. */
    MTLS_TRUSTED_CA("mtls_trusted_ca", false);

    private final String wireName;
    private final boolean hasKey;

    CertificateName(String wireName, boolean hasKey) {
        this.wireName = wireName;
        this.hasKey = hasKey;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the node holds a private key for it (it serves TLS with it). */
    public boolean hasKey() {
        return hasKey;
    }

    public static Optional<CertificateName> fromWireName(String name) {
        for (CertificateName n : values()) {
            if (n.wireName.equals(name)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
