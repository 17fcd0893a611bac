package io.redoubt.admin.api;

import static io.redoubt.admin.api.ManagementRole.ADMIN;
import static io.redoubt.admin.api.ManagementRole.CLUSTER_MEMBER;
import static io.redoubt.admin.api.ManagementRole.CLUSTER_VIEWER;
import static io.redoubt.admin.api.ManagementRole.DB_MEMBER;
import static io.redoubt.admin.api.ManagementRole.DB_VIEWER;
import static io.redoubt.admin.api.ManagementRole.USER_MANAGER;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every permission of Redis Software's REST permission matrix, each with the management roles that
 * hold it. This is the only copy of the matrix in the code: {@link ManagementRole#permissions()} is
 * derived from it, and a test pins it against the reference table. Invariant: {@link #wireName()} is
 * RE's exact string, and role {@code none} holds no permission.
 */
public enum Permission {
    ADD_CLUSTER_MODULE("add_cluster_module", ADMIN),
    CANCEL_CLUSTER_ACTION("cancel_cluster_action", ADMIN),
    CANCEL_NODE_ACTION("cancel_node_action", ADMIN),
    CONFIG_LDAP("config_ldap", ADMIN, USER_MANAGER),
    CONFIG_OCSP("config_ocsp", ADMIN),
    CONFIG_SSO("config_sso", ADMIN),
    CREATE_BDB("create_bdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    CREATE_CRDB("create_crdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    CREATE_LDAP_MAPPING("create_ldap_mapping", ADMIN, USER_MANAGER),
    CREATE_NEW_USER("create_new_user", ADMIN, USER_MANAGER),
    CREATE_REDIS_ACL("create_redis_acl", ADMIN, USER_MANAGER),
    CREATE_ROLE("create_role", ADMIN, USER_MANAGER),
    DELETE_BDB("delete_bdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    DELETE_CLUSTER_MODULE("delete_cluster_module", ADMIN),
    DELETE_CRDB("delete_crdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    DELETE_LDAP_MAPPING("delete_ldap_mapping", ADMIN, USER_MANAGER),
    DELETE_REDIS_ACL("delete_redis_acl", ADMIN, USER_MANAGER),
    DELETE_ROLE("delete_role", ADMIN, USER_MANAGER),
    DELETE_USER("delete_user", ADMIN, USER_MANAGER),
    EDIT_BDB_MODULE("edit_bdb_module", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    FAILOVER_SHARD("failover_shard", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    FLUSH_CRDB("flush_crdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    INSTALL_NEW_LICENSE("install_new_license", ADMIN, USER_MANAGER),
    MANAGE_CLUSTER_MODULES("manage_cluster_modules", ADMIN),
    MIGRATE_SHARD("migrate_shard", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    PURGE_INSTANCE("purge_instance", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    RESET_BDB_CURRENT_BACKUP_STATUS("reset_bdb_current_backup_status", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    RESET_BDB_CURRENT_EXPORT_STATUS("reset_bdb_current_export_status", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    RESET_BDB_CURRENT_IMPORT_STATUS("reset_bdb_current_import_status", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    START_BDB_EXPORT("start_bdb_export", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    START_BDB_IMPORT("start_bdb_import", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    START_BDB_RECOVERY("start_bdb_recovery", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    START_CLUSTER_ACTION("start_cluster_action", ADMIN),
    START_NODE_ACTION("start_node_action", ADMIN),
    TEST_OCSP_STATUS("test_ocsp_status", ADMIN),
    UPDATE_BDB("update_bdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    UPDATE_BDB_ALERTS("update_bdb_alerts", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    UPDATE_BDB_WITH_ACTION("update_bdb_with_action", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    UPDATE_CLUSTER("update_cluster", ADMIN),
    UPDATE_CRDB("update_crdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    UPDATE_LDAP_MAPPING("update_ldap_mapping", ADMIN, USER_MANAGER),
    UPDATE_NODE("update_node", ADMIN),
    UPDATE_PROXY("update_proxy", ADMIN, USER_MANAGER),
    UPDATE_REDIS_ACL("update_redis_acl", ADMIN, USER_MANAGER),
    UPDATE_ROLE("update_role", ADMIN, USER_MANAGER),
    UPDATE_USER("update_user", ADMIN, USER_MANAGER),
    UPGRADE_CRDB("upgrade_crdb", ADMIN, CLUSTER_MEMBER, DB_MEMBER),
    VIEW_ALL_BDB_STATS("view_all_bdb_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_BDBS_ALERTS("view_all_bdbs_alerts", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_BDBS_INFO("view_all_bdbs_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_LDAP_MAPPINGS_INFO("view_all_ldap_mappings_info", ADMIN, USER_MANAGER),
    VIEW_ALL_METRICS("view_all_metrics", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER),
    VIEW_ALL_NODES_ALERTS("view_all_nodes_alerts", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_NODES_CHECKS("view_all_nodes_checks", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_NODES_INFO("view_all_nodes_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_NODES_STATS("view_all_nodes_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_PROXIES_INFO("view_all_proxies_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_REDIS_ACLS_INFO("view_all_redis_acls_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_ROLES_INFO("view_all_roles_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_SHARD_STATS("view_all_shard_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_ALL_USERS_INFO("view_all_users_info", ADMIN, USER_MANAGER),
    VIEW_BDB_ALERTS("view_bdb_alerts", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_BDB_INFO("view_bdb_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_BDB_RECOVERY_PLAN("view_bdb_recovery_plan", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_BDB_STATS("view_bdb_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CLUSTER_ALERTS("view_cluster_alerts", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CLUSTER_INFO("view_cluster_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CLUSTER_KEYS("view_cluster_keys", ADMIN, CLUSTER_MEMBER, USER_MANAGER),
    VIEW_CLUSTER_MODULES("view_cluster_modules", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CLUSTER_STATS("view_cluster_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CRDB("view_crdb", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CRDB_LIST("view_crdb_list", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CRDB_TASK("view_crdb_task", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_CRDB_TASK_LIST("view_crdb_task_list", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_DEBUGGING_INFO("view_debugging_info", ADMIN, CLUSTER_MEMBER, DB_MEMBER, USER_MANAGER),
    VIEW_ENDPOINT_STATS("view_endpoint_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_LDAP_CONFIG("view_ldap_config", ADMIN, USER_MANAGER),
    VIEW_LDAP_MAPPING_INFO("view_ldap_mapping_info", ADMIN, USER_MANAGER),
    VIEW_LICENSE("view_license", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_LOGGED_EVENTS("view_logged_events", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, USER_MANAGER),
    VIEW_NODE_ALERTS("view_node_alerts", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_NODE_CHECK("view_node_check", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_NODE_INFO("view_node_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_NODE_STATS("view_node_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_OCSP_CONFIG("view_ocsp_config", ADMIN),
    VIEW_OCSP_STATUS("view_ocsp_status", ADMIN),
    VIEW_PROXY_INFO("view_proxy_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_REDIS_ACL_INFO("view_redis_acl_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_REDIS_PASS("view_redis_pass", ADMIN, CLUSTER_MEMBER, DB_MEMBER, USER_MANAGER),
    VIEW_ROLE_INFO("view_role_info", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_SHARD_STATS("view_shard_stats", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_SSO("view_sso", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_STATUS_OF_ALL_NODE_ACTIONS("view_status_of_all_node_actions", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_STATUS_OF_CLUSTER_ACTION("view_status_of_cluster_action", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_STATUS_OF_NODE_ACTION("view_status_of_node_action", ADMIN, CLUSTER_MEMBER, CLUSTER_VIEWER, DB_MEMBER, DB_VIEWER, USER_MANAGER),
    VIEW_USER_INFO("view_user_info", ADMIN, USER_MANAGER);

    private final String wireName;
    private final Set<ManagementRole> holders;

    Permission(String wireName, ManagementRole... holders) {
        this.wireName = wireName;
        EnumSet<ManagementRole> set = EnumSet.noneOf(ManagementRole.class);
        Collections.addAll(set, holders);
        this.holders = Collections.unmodifiableSet(set);
    }

    /** RE's name of the permission, as in its documentation and in {@code x-permission}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The management roles that hold this permission (never {@link ManagementRole#NONE}). */
    public Set<ManagementRole> holders() {
        return holders;
    }

    public static Optional<Permission> fromWireName(String name) {
        for (Permission p : values()) {
            if (p.wireName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
