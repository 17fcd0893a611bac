package io.redoubt.cluster.api;

import java.util.List;
import java.util.Objects;

/**
 * A role (RE {@code /v1/roles}): a management role on the control plane, and through databases'
 * {@code roles_permissions} a Redis ACL on the data plane.
 *
 * @param uid RE {@code uid}; 0 in a put asks the store to allocate one
 * @param name RE {@code name}, unique among roles
 * @param management RE {@code management}
 * @param databaseScope RE {@code resources: [{"type":"db","uids":[...]}]}: the databases a {@code db_*} role
 *        is limited to; empty means every database, as a missing or empty {@code resources} does in RE.
 *        Uids of databases that no longer exist simply match nothing.
 */
public record Role(long uid, String name, ManagementRole management, List<Long> databaseScope)
        implements Identified, Named {
    public Role {
        FieldRules.uid("uid", uid);
        FieldRules.name("name", name);
        Objects.requireNonNull(management, "management");
        databaseScope = FieldRules.distinct("resources", databaseScope);
    }

    @Override
    public Role withUid(long newUid) {
        return new Role(newUid, name, management, databaseScope);
    }
}
