package io.redoubt.cluster.api;

/** A minimum TLS protocol version (RE `min_control_TLS_version`, `min_data_TLS_version`: "1.2" or "1.3"); nothing older is accepted anywhere. */
public enum TlsVersion implements ReNamed {
    TLS_1_2("1.2"),
    TLS_1_3("1.3");

    private final String reName;

    TlsVersion(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static TlsVersion of(String name) {
        return ReNamed.parse(TlsVersion.class, name);
    }
}
