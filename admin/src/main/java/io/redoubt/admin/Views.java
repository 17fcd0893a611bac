package io.redoubt.admin;

import io.redoubt.admin.api.Bdb;
import io.redoubt.admin.api.ClientCertificate;
import io.redoubt.admin.api.Cluster;
import io.redoubt.admin.api.ClusterPolicy;
import io.redoubt.admin.api.ManagementRole;
import io.redoubt.admin.api.RoleResource;
import io.redoubt.admin.api.SnapshotPolicy;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.Role;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The stored objects as RE's REST API shows them. Only what an answer may carry: no password, hash or
 * key ever leaves through here.
 */
final class Views {
    /** What Redoubt answers for RE policy fields it keeps no setting for (they cannot be changed). */
    static final String ACL_PUBSUB_DEFAULT = "resetchannels";
    static final int MAX_SAVED_EVENTS = EventJournal.DEFAULT_CAPACITY;

    private Views() {}

    static io.redoubt.admin.api.User user(ClusterState state, User u, Instant now, boolean locked) {
        List<Role> roles = u.roleUids().stream().map(state::role).flatMap(Optional::stream).toList();
        ManagementRole legacy = roles.isEmpty() ? ManagementRole.NONE : AccessPolicy.management(roles.get(0));
        Optional<Instant> issued = u.passwords().stream().map(UserPassword::issuedAt).max(Comparator.naturalOrder());
        boolean expired = state.settings().map(s -> !s.passwordExpiration().isZero() && issued.isPresent()
                && !now.isBefore(issued.get().plus(s.passwordExpiration()))).orElse(false);
        return new io.redoubt.admin.api.User(Math.toIntExact(u.uid()), u.name(), u.email().isEmpty() ? null : u.email(),
                legacy, u.roleUids().stream().map(Math::toIntExact).toList(), u.authMethod().reName(),
                u.certificateSubjectLine().isEmpty() ? null : u.certificateSubjectLine(),
                locked ? "locked" : expired ? "password_expired" : "active",
                issued.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null), null);
    }

    static io.redoubt.admin.api.Role role(Role r) {
        return new io.redoubt.admin.api.Role(Math.toIntExact(r.uid()), r.name(), AccessPolicy.management(r),
                r.databaseScope().isEmpty() ? null
                        : List.of(new RoleResource("db", r.databaseScope().stream().map(String::valueOf).toList())));
    }

    static io.redoubt.admin.api.RedisAcl redisAcl(RedisAcl a) {
        return new io.redoubt.admin.api.RedisAcl(Math.toIntExact(a.uid()), a.name(), a.acl());
    }

    static Bdb database(Database d, boolean disconnectOnPasswordRemoval) {
        return new Bdb(Math.toIntExact(d.uid()), d.name(), "redis", "active", d.port(), d.memorySize(), d.shardsCount(),
                d.evictionPolicy().reName(), d.dataPersistence().reName(), d.aofPolicy().reName(),
                d.snapshotPolicy().stream().map(s -> new SnapshotPolicy(Math.toIntExact(s.secs()),
                        Math.toIntExact(s.writes()))).toList(),
                d.tlsMode().reName(), d.enforceClientAuthentication() ? "enabled" : "disabled",
                d.authenticationSslClientCerts().stream().map(ClientCertificate::new).toList(), d.defaultUser(),
                d.rolesPermissions().stream().map(rp -> new io.redoubt.admin.api.RolePermission(
                        Math.toIntExact(rp.roleUid()), Math.toIntExact(rp.redisAclUid()))).toList(),
                disconnectOnPasswordRemoval);
    }

    static Cluster cluster(ClusterSettings s) {
        return new Cluster(s.name(), null, s.passwordComplexity(), s.passwordMinLength(),
                Math.toIntExact(s.passwordExpiration().toDays()), s.controlPlaneBasicAuthentication(),
                s.minControlTlsVersion().reName(), s.minDataTlsVersion().reName(),
                joined(s.cipherSuites().controlCipherSuites()), joined(s.cipherSuites().dataCipherSuites()),
                joined(s.cipherSuites().dataCipherSuitesTls13()), false, "disabled",
                Math.toIntExact(s.cmSessionTimeout().toMinutes()), s.disconnectClientsOnPasswordRemoval().reName());
    }

    static ClusterPolicy policy(ClusterSettings s) {
        return new ClusterPolicy(s.loginLockoutThreshold(), Math.toIntExact(s.loginLockoutCounterResetAfter().toSeconds()),
                Math.toIntExact(s.loginLockoutDuration().toSeconds()), ACL_PUBSUB_DEFAULT, MAX_SAVED_EVENTS, false);
    }

    /** RE writes cipher lists as one colon-separated string; empty means the provider's defaults. */
    static String joined(List<String> ciphers) {
        return ciphers.isEmpty() ? null : String.join(":", ciphers);
    }

    static List<String> split(String ciphers) {
        return List.of(ciphers.split(":")).stream().map(String::trim).filter(c -> !c.isEmpty()).distinct().toList();
    }
}
