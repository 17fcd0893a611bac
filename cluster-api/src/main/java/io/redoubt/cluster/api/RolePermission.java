package io.redoubt.cluster.api;

/**
 * A database's binding of a role to a Redis ACL (RE bdb {@code roles_permissions} entry): users holding
 * the role get that ACL on that database.
 *
 * @param roleUid RE {@code role_uid}
 * @param redisAclUid RE {@code redis_acl_uid}
 */
public record RolePermission(long roleUid, long redisAclUid) {
    public RolePermission {
        if (roleUid < 1 || redisAclUid < 1) {
            throw new IllegalArgumentException("roles_permissions needs positive role_uid and redis_acl_uid: "
                    + roleUid + " " + redisAclUid);
        }
    }
}
