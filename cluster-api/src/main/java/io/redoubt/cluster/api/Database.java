package io.redoubt.cluster.api;

import java.util.List;
import java.util.Objects;

/**
 * A database (RE "bdb", {@code /v1/bdbs}).
 *
 * @param uid RE {@code uid}; 0 in a put asks the store to allocate one
 * @param name RE {@code name}, unique among databases
 * @param port RE {@code port}, unique among databases
 * @param memorySize RE {@code memory_size}, in bytes
 * @param shardsCount RE {@code shards_count}
 * @param evictionPolicy RE {@code eviction_policy}
 * @param dataPersistence RE {@code data_persistence}
 * @param aofPolicy RE {@code aof_policy}, used while persistence is {@code aof}
 * @param snapshotPolicy RE {@code snapshot_policy}, used while persistence is {@code snapshot}
 * @param tlsMode RE {@code tls_mode}
 * @param enforceClientAuthentication RE {@code enforce_client_authentication}: TLS clients must show a
 *        certificate from {@code authenticationSslClientCerts}
 * @param authenticationSslClientCerts RE {@code authentication_ssl_client_certs}, PEM certificates
 * @param defaultUser RE {@code default_user}: whether the Redis {@code default} user is on
 * @param defaultUserPasswords the default user's passwords as Redis stores them, SHA-256 in lower-case hex
 *        (RE {@code /v1/bdbs/{uid}/passwords}; the clear passwords are never stored)
 * @param rolesPermissions RE {@code roles_permissions}
 */
public record Database(long uid, String name, int port, long memorySize, int shardsCount,
        EvictionPolicy evictionPolicy, DataPersistence dataPersistence, AofPolicy aofPolicy,
        List<SnapshotRule> snapshotPolicy, TlsMode tlsMode, boolean enforceClientAuthentication,
        List<String> authenticationSslClientCerts, boolean defaultUser, List<String> defaultUserPasswords,
        List<RolePermission> rolesPermissions) implements Identified, Named {

    public Database {
        FieldRules.uid("uid", uid);
        FieldRules.name("name", name);
        FieldRules.port("port", port);
        if (memorySize < 1) {
            throw new IllegalArgumentException("memory_size must be a positive number of bytes: " + memorySize);
        }
        FieldRules.atLeast("shards_count", 1, shardsCount);
        Objects.requireNonNull(evictionPolicy, "eviction_policy");
        Objects.requireNonNull(dataPersistence, "data_persistence");
        Objects.requireNonNull(aofPolicy, "aof_policy");
        snapshotPolicy = FieldRules.distinct("snapshot_policy", snapshotPolicy);
        Objects.requireNonNull(tlsMode, "tls_mode");
        authenticationSslClientCerts = FieldRules.distinct("authentication_ssl_client_certs",
                authenticationSslClientCerts);
        for (String pem : authenticationSslClientCerts) {
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
                throw new IllegalArgumentException("authentication_ssl_client_certs holds a value that is not a PEM certificate");
            }
        }
        defaultUserPasswords = FieldRules.distinct("passwords", defaultUserPasswords);
        defaultUserPasswords.forEach(p -> FieldRules.sha256Hex("passwords", p));
        rolesPermissions = FieldRules.distinct("roles_permissions", rolesPermissions);
    }

    /**
     * A new database with RE's defaults for everything not given: one shard, {@code volatile-lru}, no
     * persistence (AOF synced every second once chosen), no TLS, the default user on without a password,
     * no role bindings.
     */
    public static Database withDefaults(String name, int port, long memorySize) {
        return new Database(0, name, port, memorySize, 1, EvictionPolicy.VOLATILE_LRU, DataPersistence.DISABLED,
                AofPolicy.APPENDFSYNC_EVERY_SEC, List.of(), TlsMode.DISABLED, false, List.of(), true, List.of(),
                List.of());
    }

    @Override
    public Database withUid(long newUid) {
        return new Database(newUid, name, port, memorySize, shardsCount, evictionPolicy, dataPersistence, aofPolicy,
                snapshotPolicy, tlsMode, enforceClientAuthentication, authenticationSslClientCerts, defaultUser,
                defaultUserPasswords, rolesPermissions);
    }
}
