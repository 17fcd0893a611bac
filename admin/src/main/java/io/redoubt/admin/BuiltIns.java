package io.redoubt.admin;

import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a new cluster starts with, as RE: one role per management role (so a user created with the legacy
 * {@code role} field gets that role), and the predefined Redis ACL "Full Access", which cannot be changed.
 */
final class BuiltIns {
    static final String FULL_ACCESS = "Full Access";
    static final String FULL_ACCESS_RULE = "+@all ~* &*";

    private BuiltIns() {}

    /** RE's display name of the built-in role of {@code management}, e.g. "DB Viewer". */
    static String roleName(ManagementRole management) {
        return switch (management) {
            case ADMIN -> "Admin";
            case CLUSTER_MEMBER -> "Cluster Member";
            case CLUSTER_VIEWER -> "Cluster Viewer";
            case DB_MEMBER -> "DB Member";
            case DB_VIEWER -> "DB Viewer";
            case USER_MANAGER -> "User Manager";
            case NONE -> "None";
        };
    }

    static boolean isBuiltInRole(Role role) {
        return role.databaseScope().isEmpty() && role.name().equals(roleName(role.management()));
    }

    /** The changes that add the built-in roles and ACLs (roles get uids 1..7 in ManagementRole order). */
    static List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        for (ManagementRole m : ManagementRole.values()) {
            changes.add(new Change.PutRole(new Role(0, roleName(m), m, List.of())));
        }
        changes.add(new Change.PutRedisAcl(new RedisAcl(0, FULL_ACCESS, FULL_ACCESS_RULE)));
        return changes;
    }

    static boolean isFullAccess(RedisAcl acl) {
        return acl.name().toLowerCase(Locale.ROOT).equals(FULL_ACCESS.toLowerCase(Locale.ROOT));
    }
}
