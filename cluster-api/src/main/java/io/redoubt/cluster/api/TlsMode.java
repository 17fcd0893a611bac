package io.redoubt.cluster.api;

/** Whether a database's endpoint speaks TLS (RE bdb `tls_mode`). */
public enum TlsMode implements ReNamed {
    DISABLED("disabled"),
    ENABLED("enabled"),
    REPLICA_SSL("replica_ssl");

    private final String reName;

    TlsMode(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static TlsMode of(String name) {
        return ReNamed.parse(TlsMode.class, name);
    }
}
