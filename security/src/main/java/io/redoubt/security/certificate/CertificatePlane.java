package io.redoubt.security.certificate;

import java.util.Arrays;
import java.util.Optional;

/** The certificates a node generates at bootstrap, by Redis Enterprise's names. */
public enum CertificatePlane {
    /** The REST API (port 9443). */
    API("api"),
    /** The admin console (port 8443). */
    CM("cm"),
    /** Client-to-database TLS. */
    PROXY("proxy"),
    /** TLS to remote syslog servers. */
    SYSLOG("syslog"),
    /** The metrics endpoint. */
    METRICS_EXPORTER("metrics_exporter");

    private final String certificateName;

    CertificatePlane(String certificateName) {
        this.certificateName = certificateName;
    }

    /** The name in {@code /v1/cluster/certificates}. */
    public String certificateName() {
        return certificateName;
    }

    public static Optional<CertificatePlane> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.certificateName.equals(name)).findFirst();
    }
}
