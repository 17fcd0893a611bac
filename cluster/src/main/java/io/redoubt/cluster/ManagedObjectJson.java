package io.redoubt.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redoubt.cluster.api.AofPolicy;
import io.redoubt.cluster.api.AuthMethod;
import io.redoubt.cluster.api.Certificate;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.CipherSuites;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.DataPersistence;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.EvictionPolicy;
import io.redoubt.cluster.api.LoginLockout;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Node;
import io.redoubt.cluster.api.PasswordRemovalDisconnect;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.SealedBytes;
import io.redoubt.cluster.api.SnapshotRule;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.cluster.api.TlsVersion;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each managed object as a JSON object, field by field with explicit names (RE's where it has one) and
 * enum values by their RE names, so renaming a Java field or constant never changes the stored format.
 * Log entries and snapshots both use it; the format version lives in their envelopes.
 */
final class ManagedObjectJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ManagedObjectJson() {}

    static ObjectNode settings(ClusterSettings s) {
        ObjectNode o = JSON.objectNode();
        o.put("name", s.name());
        o.put("password_complexity", s.passwordComplexity());
        o.put("password_min_length", s.passwordMinLength());
        o.put("password_expiration_duration", s.passwordExpiration().toDays());
        o.put("login_lockout_threshold", s.loginLockoutThreshold());
        o.put("login_lockout_counter_reset_after", s.loginLockoutCounterResetAfter().toSeconds());
        o.put("login_lockout_duration", s.loginLockoutDuration().toSeconds());
        o.put("cm_session_timeout_minutes", s.cmSessionTimeout().toMinutes());
        o.put("min_control_TLS_version", s.minControlTlsVersion().reName());
        o.put("min_data_TLS_version", s.minDataTlsVersion().reName());
        CipherSuites c = s.cipherSuites();
        o.set("control_cipher_suites", texts(c.controlCipherSuites()));
        o.set("control_cipher_suites_tls_1_3", texts(c.controlCipherSuitesTls13()));
        o.set("data_cipher_suites", texts(c.dataCipherSuites()));
        o.set("data_cipher_suites_tls_1_3", texts(c.dataCipherSuitesTls13()));
        o.put("control_plane_basic_authentication", s.controlPlaneBasicAuthentication());
        o.put("disconnect_clients_on_password_removal", s.disconnectClientsOnPasswordRemoval().reName());
        return o;
    }

    static ClusterSettings settings(JsonNode json) {
        JsonFields f = new JsonFields(json, "cluster");
        return valid("cluster", () -> new ClusterSettings(f.text("name"), f.bool("password_complexity"),
                f.intValue("password_min_length"), Duration.ofDays(f.longValue("password_expiration_duration")),
                f.intValue("login_lockout_threshold"), Duration.ofSeconds(f.longValue("login_lockout_counter_reset_after")),
                Duration.ofSeconds(f.longValue("login_lockout_duration")),
                Duration.ofMinutes(f.longValue("cm_session_timeout_minutes")),
                TlsVersion.of(f.text("min_control_TLS_version")), TlsVersion.of(f.text("min_data_TLS_version")),
                new CipherSuites(f.texts("control_cipher_suites"), f.texts("control_cipher_suites_tls_1_3"),
                        f.texts("data_cipher_suites"), f.texts("data_cipher_suites_tls_1_3")),
                f.bool("control_plane_basic_authentication"),
                PasswordRemovalDisconnect.of(f.text("disconnect_clients_on_password_removal"))));
    }

    static ObjectNode node(Node n) {
        ObjectNode o = JSON.objectNode();
        o.put("uid", n.uid());
        o.put("addr", n.address());
        o.put("cnm_https_port", n.apiPort());
        o.put("raft_port", n.raftPort());
        return o;
    }

    static Node node(JsonNode json) {
        JsonFields f = new JsonFields(json, "node");
        return valid("node", () -> new Node(f.longValue("uid"), f.text("addr"), f.intValue("cnm_https_port"),
                f.intValue("raft_port")));
    }

    static ObjectNode database(Database d) {
        ObjectNode o = JSON.objectNode();
        o.put("uid", d.uid());
        o.put("name", d.name());
        o.put("port", d.port());
        o.put("memory_size", d.memorySize());
        o.put("shards_count", d.shardsCount());
        o.put("eviction_policy", d.evictionPolicy().reName());
        o.put("data_persistence", d.dataPersistence().reName());
        o.put("aof_policy", d.aofPolicy().reName());
        ArrayNode rules = o.putArray("snapshot_policy");
        for (SnapshotRule r : d.snapshotPolicy()) {
            rules.addObject().put("secs", r.secs()).put("writes", r.writes());
        }
        o.put("tls_mode", d.tlsMode().reName());
        o.put("enforce_client_authentication", d.enforceClientAuthentication());
        o.set("authentication_ssl_client_certs", texts(d.authenticationSslClientCerts()));
        o.put("default_user", d.defaultUser());
        o.set("passwords_sha256", texts(d.defaultUserPasswords()));
        ArrayNode bindings = o.putArray("roles_permissions");
        for (RolePermission rp : d.rolesPermissions()) {
            bindings.addObject().put("role_uid", rp.roleUid()).put("redis_acl_uid", rp.redisAclUid());
        }
        return o;
    }

    static Database database(JsonNode json) {
        JsonFields f = new JsonFields(json, "bdb");
        return valid("bdb", () -> new Database(f.longValue("uid"), f.text("name"), f.intValue("port"),
                f.longValue("memory_size"), f.intValue("shards_count"), EvictionPolicy.of(f.text("eviction_policy")),
                DataPersistence.of(f.text("data_persistence")), AofPolicy.of(f.text("aof_policy")),
                f.list("snapshot_policy", e -> {
                    JsonFields r = new JsonFields(e, "snapshot_policy entry");
                    return new SnapshotRule(r.longValue("secs"), r.longValue("writes"));
                }),
                TlsMode.of(f.text("tls_mode")), f.bool("enforce_client_authentication"),
                f.texts("authentication_ssl_client_certs"), f.bool("default_user"), f.texts("passwords_sha256"),
                f.list("roles_permissions", e -> {
                    JsonFields r = new JsonFields(e, "roles_permissions entry");
                    return new RolePermission(r.longValue("role_uid"), r.longValue("redis_acl_uid"));
                })));
    }

    static ObjectNode user(User u) {
        ObjectNode o = JSON.objectNode();
        o.put("uid", u.uid());
        o.put("name", u.name());
        o.put("email", u.email());
        o.put("auth_method", u.authMethod().reName());
        o.put("certificate_subject_line", u.certificateSubjectLine());
        o.set("role_uids", longs(u.roleUids()));
        ArrayNode passwords = o.putArray("passwords");
        for (UserPassword p : u.passwords()) {
            passwords.addObject()
                    .put("hash", p.controlPlaneHash())
                    .put("redis_sha256", p.redisSha256Hex())
                    .put("issued_at", p.issuedAt().toString());
        }
        ObjectNode lockout = o.putObject("lockout");
        lockout.put("failed_attempts", u.lockout().failedAttempts());
        u.lockout().firstFailureAt().ifPresent(t -> lockout.put("first_failure_at", t.toString()));
        u.lockout().lockedUntil().ifPresent(t -> lockout.put("locked_until", t.toString()));
        return o;
    }

    static User user(JsonNode json) {
        JsonFields f = new JsonFields(json, "user");
        JsonFields lock = new JsonFields(f.node("lockout"), "user lockout");
        return valid("user", () -> new User(f.longValue("uid"), f.text("name"), f.text("email"),
                AuthMethod.of(f.text("auth_method")), f.text("certificate_subject_line"), f.longs("role_uids"),
                f.list("passwords", e -> {
                    JsonFields p = new JsonFields(e, "user password");
                    return new UserPassword(p.text("hash"), p.text("redis_sha256"), instant(p, "issued_at"));
                }),
                new LoginLockout(lock.intValue("failed_attempts"), optionalInstant(lock, "first_failure_at"),
                        optionalInstant(lock, "locked_until"))));
    }

    static ObjectNode role(Role r) {
        ObjectNode o = JSON.objectNode();
        o.put("uid", r.uid());
        o.put("name", r.name());
        o.put("management", r.management().reName());
        o.set("bdb_scope", longs(r.databaseScope()));
        return o;
    }

    static Role role(JsonNode json) {
        JsonFields f = new JsonFields(json, "role");
        return valid("role", () -> new Role(f.longValue("uid"), f.text("name"), ManagementRole.of(f.text("management")),
                f.longs("bdb_scope")));
    }

    static ObjectNode redisAcl(RedisAcl a) {
        ObjectNode o = JSON.objectNode();
        o.put("uid", a.uid());
        o.put("name", a.name());
        o.put("acl", a.acl());
        return o;
    }

    static RedisAcl redisAcl(JsonNode json) {
        JsonFields f = new JsonFields(json, "redis_acl");
        return valid("redis_acl", () -> new RedisAcl(f.longValue("uid"), f.text("name"), f.text("acl")));
    }

    static ObjectNode certificate(Certificate c) {
        ObjectNode o = JSON.objectNode();
        o.put("name", c.name().reName());
        o.put("certificate", c.chainPem());
        o.put("sealed_key", c.sealedPrivateKey().base64());
        return o;
    }

    static Certificate certificate(JsonNode json) {
        JsonFields f = new JsonFields(json, "certificate");
        return valid("certificate", () -> new Certificate(CertificateName.of(f.text("name")), f.text("certificate"),
                SealedBytes.ofBase64(f.text("sealed_key"))));
    }

    static ArrayNode texts(Collection<String> values) {
        ArrayNode a = JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }

    static ArrayNode longs(Collection<Long> values) {
        ArrayNode a = JSON.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static Instant instant(JsonFields f, String field) {
        try {
            return Instant.parse(f.text(field));
        } catch (DateTimeParseException e) {
            throw new StoredFormatException("field '" + field + "' is not an ISO-8601 instant", e);
        }
    }

    private static Optional<Instant> optionalInstant(JsonFields f, String field) {
        return f.has(field) ? Optional.of(instant(f, field)) : Optional.empty();
    }

    /** Builds a record, turning the records' own validation (or an unknown enum name) into a format error. */
    static <T> T valid(String what, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoredFormatException(what + " does not hold a valid value: " + e.getMessage(), e);
        }
    }
}
