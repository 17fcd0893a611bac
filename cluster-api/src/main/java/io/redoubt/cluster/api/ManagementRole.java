package io.redoubt.cluster.api;

/** RE's seven management roles (role field `management`). `NONE` grants data access only: no REST call at all. */
public enum ManagementRole implements ReNamed {
    ADMIN("admin"),
    CLUSTER_MEMBER("cluster_member"),
    CLUSTER_VIEWER("cluster_viewer"),
    DB_MEMBER("db_member"),
    DB_VIEWER("db_viewer"),
    USER_MANAGER("user_manager"),
    NONE("none");

    private final String reName;

    ManagementRole(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static ManagementRole of(String name) {
        return ReNamed.parse(ManagementRole.class, name);
    }
}
