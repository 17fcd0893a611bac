package io.redoubt.admin;

import io.redoubt.admin.api.ErrorCode;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.cluster.api.Transition;
import io.redoubt.cluster.api.User;

/**
 * RE's rule that the cluster never loses its last admin: a change to users or roles that would leave no
 * user holding an admin role is refused with {@code change_last_admin_role_not_allowed}. Judged on the
 * state the transaction would produce, so every way of getting there (deleting the user, changing its
 * roles, changing the role itself) is caught by one rule.
 */
final class LastAdmin {
    private LastAdmin() {}

    static Transaction keep(ClusterState before, Transaction tx) {
        if (admins(before) == 0) {
            return tx;
        }
        Transition t = Transition.apply(before, tx, before.revision() + 1);
        if (t.commit() instanceof Commit.Applied && admins(t.state()) == 0) {
            throw new ApiException(ErrorCode.CHANGE_LAST_ADMIN_ROLE_NOT_ALLOWED,
                    "this would leave the cluster without an admin: give another user the admin role first");
        }
        return tx;
    }

    static long admins(ClusterState state) {
        return state.users().values().stream().filter(u -> isAdmin(state, u)).count();
    }

    static boolean isAdmin(ClusterState state, User u) {
        return u.roleUids().stream().map(state::role).anyMatch(r -> r.isPresent()
                && r.get().management() == ManagementRole.ADMIN);
    }
}
