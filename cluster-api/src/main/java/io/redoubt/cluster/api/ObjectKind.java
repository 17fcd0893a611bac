package io.redoubt.cluster.api;

/** The kinds of managed object that have numeric uids allocated by the store; the name is what rejections and the stored formats call them. */
public enum ObjectKind implements ReNamed {
    NODE("node"),
    DATABASE("bdb"),
    USER("user"),
    ROLE("role"),
    REDIS_ACL("redis_acl");

    private final String reName;

    ObjectKind(String reName) {
        this.reName = reName;
    }

    @Override
    public String reName() {
        return reName;
    }

    /** The value RE spells {@code name}. */
    public static ObjectKind of(String name) {
        return ReNamed.parse(ObjectKind.class, name);
    }
}
