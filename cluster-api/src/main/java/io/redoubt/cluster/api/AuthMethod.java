package io.redoubt.cluster.api;

/** How a user signs in (RE user `auth_method`). */
public enum AuthMethod implements ReNamed {
    REGULAR("regular"),
    CERTIFICATE("certificate"),
    ENTRAID("entraid"),
    SSO("sso");

    private final String reName;

    AuthMethod(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static AuthMethod of(String name) {
        return ReNamed.parse(AuthMethod.class, name);
    }
}
