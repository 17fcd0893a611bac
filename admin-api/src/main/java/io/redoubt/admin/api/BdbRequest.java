package io.redoubt.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /v1/bdbs} (create) and {@code PUT /v1/bdbs/{uid}} (update): a partial RE bdb
 * object. A field left out keeps its current value (update) or its default (create). The default user's
 * password is not here: it goes through {@code /v1/bdbs/{uid}/passwords}, as in RE since 7.2.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BdbRequest(
        @JsonProperty("uid") Integer uid,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("port") Integer port,
        @JsonProperty("memory_size") Long memorySize,
        @JsonProperty("shards_count") Integer shardsCount,
        @JsonProperty("eviction_policy") String evictionPolicy,
        @JsonProperty("data_persistence") String dataPersistence,
        @JsonProperty("aof_policy") String aofPolicy,
        @JsonProperty("snapshot_policy") List<SnapshotPolicy> snapshotPolicy,
        @JsonProperty("tls_mode") String tlsMode,
        @JsonProperty("enforce_client_authentication") String enforceClientAuthentication,
        @JsonProperty("authentication_ssl_client_certs") List<ClientCertificate> authenticationSslClientCerts,
        @JsonProperty("default_user") Boolean defaultUser,
        @JsonProperty("roles_permissions") List<RolePermission> rolesPermissions,
        @JsonProperty("disconnect_clients_on_password_removal") Boolean disconnectClientsOnPasswordRemoval)
        implements RequestBody {

    /** Checks of the fields present; what an update needs. */
    @Override
    public Optional<ApiError> validate() {
        Validation v = new Validation()
                .range("uid", uid, 1, Integer.MAX_VALUE, ErrorCode.INVALID_PARAM)
                .name("name", name, BdbValues.MAX_NAME_CHARS, false)
                .check(name == null || name.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"), ErrorCode.INVALID_PARAM,
                        "'name' may hold letters, digits and '-', starting and ending with a letter or digit")
                .oneOf("type", type, BdbValues.TYPES, ErrorCode.INVALID_PARAM)
                .range("port", port, 1, 65535, ErrorCode.INVALID_PARAM)
                .range("memory_size", memorySize, 1, Long.MAX_VALUE, ErrorCode.INVALID_PARAM)
                .range("shards_count", shardsCount, 1, BdbValues.MAX_SHARDS, ErrorCode.INVALID_SHARDING)
                .oneOf("eviction_policy", evictionPolicy, BdbValues.EVICTION_POLICIES, ErrorCode.INVALID_PARAM)
                .oneOf("data_persistence", dataPersistence, BdbValues.DATA_PERSISTENCE,
                        ErrorCode.INVALID_DATA_PERSISTENCE)
                .oneOf("aof_policy", aofPolicy, BdbValues.AOF_POLICIES, ErrorCode.INVALID_DATA_PERSISTENCE)
                .oneOf("tls_mode", tlsMode, BdbValues.TLS_MODES, ErrorCode.INVALID_PARAM)
                .oneOf("enforce_client_authentication", enforceClientAuthentication, BdbValues.ENABLED_DISABLED,
                        ErrorCode.INVALID_PARAM);
        each(v, snapshotPolicy);
        each(v, authenticationSslClientCerts);
        each(v, rolesPermissions);
        return v.result();
    }

    /** {@link #validate()} plus what RE requires to create a database. */
    public Optional<ApiError> validateForCreate() {
        return new Validation()
                .required("name", name, ErrorCode.MISSING_DB_NAME)
                .required("memory_size", memorySize, ErrorCode.MISSING_MEMORY_SIZE)
                .nested(validate())
                .result();
    }

    private static void each(Validation v, List<? extends RequestBody> items) {
        if (items != null) {
            for (RequestBody item : items) {
                v.check(item != null, ErrorCode.INVALID_SCHEMA, "a list holds null");
                if (item != null) {
                    v.nested(item.validate());
                }
            }
        }
    }
}
