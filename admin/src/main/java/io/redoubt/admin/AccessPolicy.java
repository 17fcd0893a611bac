package io.redoubt.admin;

import io.redoubt.admin.api.Access;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.ManagementRole;
import io.redoubt.admin.api.Route;
import io.redoubt.cluster.api.Role;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides whether a signed-in caller may call a route: {@link Access#permits} for
 * each of the caller's roles (RE's permission matrix), then the role's database scope
 * ({@code resources}) for the routes of one database. A caller may call a route when one of its roles
 * allows it. Nothing else in the control plane or the HTTP layer decides access.
 */
public final class AccessPolicy {
    private static final String DATABASE_ROUTES = "/v1/bdbs/{uid}";

    /** Refuses with 403 (or 401 {@code password_expired}) unless {@link #permits} says yes. */
    public void check(Caller caller, Route route, Map<String, String> parameters) {
        if (caller.passwordExpired() && route != Route.USER_PASSWORD_REPLACE) {
            throw new ApiException(ErrorCode.PASSWORD_EXPIRED, "your password expired: set a new one with "
                    + "PUT /v1/users/password or ask an admin to reset it");
        }
        if (!permits(caller, route, parameters)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "your role does not allow " + route.method() + " "
                    + route.path() + route.access().requiredPermission().map(p -> " (needs " + p.wireName() + ")")
                            .orElse(""));
        }
    }

    public boolean permits(Caller caller, Route route, Map<String, String> parameters) {
        Access access = route.access();
        if (access.kind() == Access.Kind.UNAUTHENTICATED) {
            return true;
        }
        boolean onOwnUser = (route == Route.USER_GET || route == Route.USER_UPDATE)
                && Long.toString(caller.userUid()).equals(parameters.get("uid"));
        Optional<Long> database = route.path().startsWith(DATABASE_ROUTES)
                ? Optional.ofNullable(parameters.get("uid")).map(Long::parseLong) : Optional.empty();
        for (Role role : caller.roles()) {
            if (access.permits(management(role), onOwnUser)
                    && database.map(uid -> scopeCovers(role, uid)).orElse(true)
                    && (route != Route.BDB_CREATE || role.databaseScope().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller sees database {@code uid} in the answer of {@code listRoute}. */
    public boolean sees(Caller caller, Route listRoute, long uid) {
        for (Role role : caller.roles()) {
            if (listRoute.access().permits(management(role), false) && scopeCovers(role, uid)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the caller's roles is RE's admin. */
    public boolean isAdmin(Caller caller) {
        return caller.roles().stream().anyMatch(r -> r.management() == io.redoubt.cluster.api.ManagementRole.ADMIN);
    }

    /** Whether the caller holds the permission of {@code route} for any object (not only its own). */
    public boolean holdsPermissionOf(Caller caller, Route route) {
        return route.access().requiredPermission()
                .map(p -> caller.roles().stream().anyMatch(r -> management(r).holds(p))).orElse(true);
    }

    private static boolean scopeCovers(Role role, long databaseUid) {
        return role.databaseScope().isEmpty() || role.databaseScope().contains(databaseUid);
    }

    static ManagementRole management(Role role) {
        return ManagementRole.fromWireName(role.management().reName()).orElseThrow();
    }
}
