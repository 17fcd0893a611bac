package io.redoubt.admin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a route asks of its caller. Most routes need one {@link Permission}; a few need only a signed-in
 * caller acting on itself, and the two bootstrap routes of a fresh node need nobody. {@link #permits}
 * is the whole rule, so the console, the API and the permission meta-test cannot disagree about it.
 *
 * <p>Invariant: {@code permission} is present exactly for {@link Kind#PERMISSION} and
 * {@link Kind#SELF_OR_PERMISSION}. Role {@link ManagementRole#NONE} is refused by every kind but
 * {@link Kind#UNAUTHENTICATED}: RE's {@code none} "cannot use the REST API", not even on itself.
 */
public record Access(Kind kind, Permission permission) {

    public enum Kind {
        /** The caller's role must hold the permission. */
        PERMISSION,
        /**
         * A caller acting on its own user object needs only a management role other than none
         * (RE: "any user can change their own name, password, or alert preferences"); acting on another
         * user needs the permission.
         */
        SELF_OR_PERMISSION,
        /** Any signed-in caller with a management role other than none; the route acts on the caller. */
        AUTHENTICATED,
        /** No credentials: served only by a node that has no cluster yet (bootstrap). */
        UNAUTHENTICATED
    }

    public Access {
        Objects.requireNonNull(kind, "kind");
        boolean needsPermission = kind == Kind.PERMISSION || kind == Kind.SELF_OR_PERMISSION;
        if (needsPermission != (permission != null)) {
            throw new IllegalArgumentException(kind + " access " + (needsPermission ? "needs" : "takes no")
                    + " permission");
        }
    }

    public static Access of(Permission permission) {
        return new Access(Kind.PERMISSION, permission);
    }

    public static Access selfOr(Permission permission) {
        return new Access(Kind.SELF_OR_PERMISSION, permission);
    }

    public static Access authenticated() {
        return new Access(Kind.AUTHENTICATED, null);
    }

    public static Access unauthenticated() {
        return new Access(Kind.UNAUTHENTICATED, null);
    }

    public Optional<Permission> requiredPermission() {
        return Optional.ofNullable(permission);
    }

    /**
     * Whether a signed-in caller with {@code role} may call the route ({@code onOwnUser}: the route's
     * user is the caller). Authentication itself (401) and database scoping of roles are decided before
     * and after this by the control plane.
     */
    public boolean permits(ManagementRole role, boolean onOwnUser) {
        Objects.requireNonNull(role, "role");
        return switch (kind) {
            case UNAUTHENTICATED -> true;
            case AUTHENTICATED -> role != ManagementRole.NONE;
            case SELF_OR_PERMISSION -> (onOwnUser && role != ManagementRole.NONE) || role.holds(permission);
            case PERMISSION -> role.holds(permission);
        };
    }

    /**
     * The value of the route's {@code x-permission} in the OpenAPI document: the permission's RE name,
     * or {@code authenticated} / {@code unauthenticated} for the routes that need none.
     */
    public String openApiPermission() {
        return switch (kind) {
            case PERMISSION, SELF_OR_PERMISSION -> permission.wireName();
            case AUTHENTICATED -> "authenticated";
            case UNAUTHENTICATED -> "unauthenticated";
        };
    }
}
