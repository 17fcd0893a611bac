package io.redoubt.cluster.api;

/** The certificates a cluster holds (RE `/v1/cluster/certificates` `name`). */
public enum CertificateName implements ReNamed {
    API("api"),
    CM("cm"),
    PROXY("proxy"),
    SYSLOG("syslog"),
    METRICS_EXPORTER("metrics_exporter");

    private final String reName;

    CertificateName(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static CertificateName of(String name) {
        return ReNamed.parse(CertificateName.class, name);
    }
}
