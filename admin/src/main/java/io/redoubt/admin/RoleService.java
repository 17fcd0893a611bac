package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.RoleRequest;
import io.redoubt.admin.api.RoleResource;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/roles}: management roles, optionally scoped to some databases. Only an admin may create
 * or change a role that is (or would become) admin, so a user manager cannot raise itself; the last
 * admin keeps its role.
 */
final class RoleService {
    private final StoreWriter store;
    private final AccessPolicy policy;
    private final EventJournal journal;

    RoleService(StoreWriter store, AccessPolicy policy, EventJournal journal) {
        this.store = store;
        this.policy = policy;
        this.journal = journal;
    }

    Answer list() {
        return Answer.ok(store.current().roles().values().stream().map(Views::role).toList());
    }

    Answer get(long uid) {
        return Answer.ok(Views.role(existing(store.current(), uid)));
    }

    Answer create(Caller caller, RoleRequest r, boolean dryRun) {
        r.validateForCreate().ifPresent(e -> { throw ApiException.of(e); });
        Role[] made = new Role[1];
        long uid = store.commit(s -> {
            made[0] = new Role(0, r.name(), ManagementRole.of(r.management().wireName()), scope(r.resources()));
            adminOnly(caller, made[0].management());
            return Transaction.atRevision(s.revision(), new Change.PutRole(made[0]));
        }, dryRun).uids().get(0);
        record(caller, "role_created", uid, fields(r), dryRun);
        return Answer.ok(Views.role(made[0].withUid(uid)));
    }

    Answer update(Caller caller, long uid, RoleRequest r, boolean dryRun) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        Role[] made = new Role[1];
        store.commit(s -> {
            Role old = existing(s, uid);
            ManagementRole m = r.management() == null ? old.management() : ManagementRole.of(r.management().wireName());
            adminOnly(caller, old.management());
            adminOnly(caller, m);
            List<Long> scope = r.resources() == null ? old.databaseScope() : scope(r.resources());
            if (!scope.isEmpty() && m != ManagementRole.DB_MEMBER && m != ManagementRole.DB_VIEWER) {
                throw new ApiException(ErrorCode.INVALID_PARAM, "'resources' scopes only db_member and db_viewer roles");
            }
            made[0] = new Role(uid, r.name() == null ? old.name() : r.name(), m, scope);
            return LastAdmin.keep(s, Transaction.atRevision(s.revision(), new Change.PutRole(made[0])));
        }, dryRun);
        record(caller, "role_updated", uid, fields(r), dryRun);
        return Answer.ok(Views.role(made[0]));
    }

    Answer delete(Caller caller, long uid, boolean dryRun) {
        store.commit(s -> {
            adminOnly(caller, existing(s, uid).management());
            return LastAdmin.keep(s, Transaction.atRevision(s.revision(), new Change.DeleteRole(uid)));
        }, dryRun);
        record(caller, "role_deleted", uid, List.of(), dryRun);
        return Answer.noContent();
    }

    private void adminOnly(Caller caller, ManagementRole m) {
        if (m == ManagementRole.ADMIN && !policy.isAdmin(caller)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only an admin may create or change an admin role");
        }
    }

    private static List<Long> scope(List<RoleResource> resources) {
        if (resources == null) {
            return List.of();
        }
        return resources.stream().flatMap(r -> r.uids().stream()).map(Long::parseLong).distinct().toList();
    }

    private static Role existing(ClusterState s, long uid) {
        return s.role(uid).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no role with uid " + uid));
    }

    private void record(Caller caller, String type, long uid, List<String> fields, boolean dryRun) {
        if (!dryRun) {
            journal.record(type, true, caller, null, caller.sourceAddress(), "role:" + uid, null, fields, null);
        }
    }

    private static List<String> fields(RoleRequest r) {
        List<String> f = new ArrayList<>();
        if (r.name() != null) f.add("name");
        if (r.management() != null) f.add("management");
        if (r.resources() != null) f.add("resources");
        return f;
    }
}
