package io.redoubt.admin;

import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Role;
import java.util.List;
import java.util.Objects;

/**
 * Who is calling, once signed in: the user, the roles it holds (as the store had them when it signed
 * in), where it calls from and how it proved who it is.
 *
 * @param passwordExpired the password it signed in with has expired: it may only set a new one
 */
public record Caller(long userUid, String name, List<Role> roles, String sourceAddress, Method method,
        boolean passwordExpired) {

    /** How the caller proved who it is. */
    public enum Method { BASIC, TOKEN }

    public Caller {
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        Objects.requireNonNull(method, "method");
    }

    /** True when none of the caller's roles lets it use the API (RE role {@code none}, or no role at all). */
    public boolean managementNone() {
        return roles.stream().allMatch(r -> r.management() == ManagementRole.NONE);
    }
}
