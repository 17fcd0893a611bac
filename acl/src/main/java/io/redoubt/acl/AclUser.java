package io.redoubt.acl;

/**
 * A named ACL user. Its permissions are an immutable {@link UserState} swapped whole when the
 * user's rules change, so connections authenticated as this user see a change at their next command
 * (as in Redis, where they keep a pointer to the user).
 */
public final class AclUser {
    private final String name;
    private volatile UserState state;
    private volatile boolean deleted;

    AclUser(String name, UserState state) {
        this.name = name;
        this.state = state;
    }

    public String name() {
        return name;
    }

    public UserState state() {
        return state;
    }

    void state(UserState s) {
        this.state = s;
    }

    /** True once DELUSER or ACL LOAD removed the user; its connections are being closed. */
    public boolean deleted() {
        return deleted;
    }

    void markDeleted() {
        this.deleted = true;
    }

    @Override
    public String toString() {
        return "AclUser[" + name + "]";
    }
}
