package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Redis Software's seven management roles (the {@code management} field of a role, the legacy
 * {@code role} of a user). What each may do on the REST API is the set of {@link Permission}s that name
 * it; {@link #NONE} holds none, so a user with only that role can reach databases but no route at all.
 */
public enum ManagementRole {
    ADMIN("admin"),
    CLUSTER_MEMBER("cluster_member"),
    CLUSTER_VIEWER("cluster_viewer"),
    DB_MEMBER("db_member"),
    DB_VIEWER("db_viewer"),
    USER_MANAGER("user_manager"),
    NONE("none");

    private final String wireName;

    ManagementRole(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The permissions this role holds, derived from {@link Permission}'s table (the only copy of it). */
    public Set<Permission> permissions() {
        return Grants.BY_ROLE.get(this);
    }

    public boolean holds(Permission permission) {
        return permission.holders().contains(this);
    }

    public static Optional<ManagementRole> fromWireName(String name) {
        for (ManagementRole r : values()) {
            if (r.wireName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Jackson: an unknown role name is a schema error, reported by the caller with RE's code. */
    @JsonCreator
    static ManagementRole fromJson(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown management role '" + name + "': use one of admin, cluster_member, cluster_viewer, "
                        + "db_member, db_viewer, user_manager, none"));
    }

    @Override
    public String toString() {
        return wireName;
    }

    /** Built on first use, after both enums exist (Permission's constants name roles). */
    private static final class Grants {
        static final Map<ManagementRole, Set<Permission>> BY_ROLE = build();

        private static Map<ManagementRole, Set<Permission>> build() {
            Map<ManagementRole, Set<Permission>> byRole = new EnumMap<>(ManagementRole.class);
            for (ManagementRole role : ManagementRole.values()) {
                EnumSet<Permission> held = EnumSet.noneOf(Permission.class);
                for (Permission p : Permission.values()) {
                    if (p.holders().contains(role)) {
                        held.add(p);
                    }
                }
                byRole.put(role, Collections.unmodifiableSet(held));
            }
            return Collections.unmodifiableMap(byRole);
        }
    }
}
