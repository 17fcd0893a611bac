package io.redoubt.cluster.api;

/** Whether connections still using a removed or rotated password are dropped (RE cluster `disconnect_clients_on_password_removal`). */
public enum PasswordRemovalDisconnect implements ReNamed {
    ENABLED("enabled"),
    DISABLED("disabled"),
    AUTO("auto");

    private final String reName;

    PasswordRemovalDisconnect(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static PasswordRemovalDisconnect of(String name) {
        return ReNamed.parse(PasswordRemovalDisconnect.class, name);
    }
}
