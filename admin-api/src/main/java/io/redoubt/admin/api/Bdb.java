package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A database as RE's REST API shows it (its {@code bdb} object, the fields Redoubt has). Never carries a
 * password: the default user's passwords are stored as hashes and only counted
 * ({@link BdbPasswords}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bdb(
        @JsonProperty("uid") int uid,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        // RE: active, pending, creation-failed, delete-pending, ...
        @JsonProperty("status") String status,
        @JsonProperty("port") int port,
        @JsonProperty("memory_size") long memorySize,
        @JsonProperty("shards_count") int shardsCount,
        @JsonProperty("eviction_policy") String evictionPolicy,
        @JsonProperty("data_persistence") String dataPersistence,
        @JsonProperty("aof_policy") String aofPolicy,
        @JsonProperty("snapshot_policy") List<SnapshotPolicy> snapshotPolicy,
        @JsonProperty("tls_mode") String tlsMode,
        @JsonProperty("enforce_client_authentication") String enforceClientAuthentication,
        @JsonProperty("authentication_ssl_client_certs") List<ClientCertificate> authenticationSslClientCerts,
        @JsonProperty("default_user") boolean defaultUser,
        @JsonProperty("roles_permissions") List<RolePermission> rolesPermissions,
        @JsonProperty("disconnect_clients_on_password_removal") boolean disconnectClientsOnPasswordRemoval) {}
