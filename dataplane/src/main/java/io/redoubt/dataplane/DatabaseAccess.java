package io.redoubt.dataplane;

import io.redoubt.acl.AclLog;
import io.redoubt.acl.RuleParser;
import io.redoubt.acl.UserDirectory;
import io.redoubt.engine.command.CommandTable;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * What a database has once, however many shards it has: its ACL users, its ACL LOG, the AUTH
 * throttle of its clients' addresses and its ACL file. The first shard makes it and the others
 * share it (each through its own {@link AccessControl}), so that a user is created, changed or
 * deleted once, a failed login is counted and logged once, and ACL LOG shows the whole database.
 * Every part is safe to use from any shard's thread.
 */
public final class DatabaseAccess {
    private final UserDirectory users;
    private final AclLog log;
    private final AuthThrottle throttle;
    private volatile Path aclFile;
    private volatile boolean managedByControlPlane;

    DatabaseAccess(CommandTable commands, InstantSource clock) {
        this.users = new UserDirectory(new RuleParser(commands));
        this.log = new AclLog(clock);
        this.throttle = new AuthThrottle(clock);
    }

    UserDirectory users() {
        return users;
    }

    AclLog log() {
        return log;
    }

    AuthThrottle throttle() {
        return throttle;
    }

    Path aclFile() {
        return aclFile;
    }

    void aclFile(Path file) {
        this.aclFile = file;
    }

    /**
     * Whether the control plane owns this database's users (a database of a node): ACL SETUSER,
     * DELUSER, LOAD and SAVE are then refused with a pointer to the REST API, as RE refuses them.
     */
    public boolean managedByControlPlane() {
        return managedByControlPlane;
    }

    public void managedByControlPlane(boolean managed) {
        this.managedByControlPlane = managed;
    }
}
