package io.redoubt.cluster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The records refuse what no store should hold, naming RE's field; secrets never print. */
class ManagedObjectValidationTest {
    private static final String HEX = "a".repeat(64);

    @Test
    void namesAreAsciiWithoutMarkupCharacters() {
        assertThatThrownBy(() -> new RedisAcl(0, "a<b", "+@all")).hasMessageContaining("name");
        assertThatThrownBy(() -> new RedisAcl(0, "caf\u00e9", "+@all")).hasMessageContaining("ASCII");
        assertThatThrownBy(() -> new Role(0, " ", ManagementRole.ADMIN, List.of())).hasMessageContaining("name");
        assertThat(new Role(0, "ops team", ManagementRole.ADMIN, List.of()).name()).isEqualTo("ops team");
    }

    @Test
    void databaseFieldsAreChecked() {
        Database ok = Database.withDefaults("db", 12000, 1 << 20);
        assertThat(ok.defaultUser()).isTrue();
        assertThatThrownBy(() -> Database.withDefaults("db", 0, 1 << 20)).hasMessageContaining("port");
        assertThatThrownBy(() -> Database.withDefaults("db", 12000, 0)).hasMessageContaining("memory_size");
        assertThatThrownBy(() -> new Database(0, "db", 12000, 1, 1, EvictionPolicy.NOEVICTION, DataPersistence.AOF,
                AofPolicy.APPENDFSYNC_ALWAYS, List.of(), TlsMode.ENABLED, true, List.of("not pem"), false, List.of(),
                List.of())).hasMessageContaining("authentication_ssl_client_certs");
        assertThatThrownBy(() -> new Database(0, "db", 12000, 1, 1, EvictionPolicy.NOEVICTION, DataPersistence.AOF,
                AofPolicy.APPENDFSYNC_ALWAYS, List.of(), TlsMode.ENABLED, false, List.of(), false,
                List.of("clear-text-password"), List.of())).hasMessageContaining("SHA-256");
    }

    @Test
    void enumsParseOnlyReNames() {
        assertThat(EvictionPolicy.of("allkeys-lru")).isEqualTo(EvictionPolicy.ALLKEYS_LRU);
        assertThat(ManagementRole.of("user_manager")).isEqualTo(ManagementRole.USER_MANAGER);
        assertThatThrownBy(() -> ManagementRole.of("ADMIN")).hasMessageContaining("admin, cluster_member");
    }

    @Test
    void clusterSettingsFollowReRanges() {
        ClusterSettings d = ClusterSettings.defaults("c");
        assertThat(d.passwordComplexity()).as("Redoubt is stricter than RE").isTrue();
        assertThat(d.loginLockoutThreshold()).isEqualTo(5);
        assertThat(d.loginLockoutDuration()).isEqualTo(Duration.ofSeconds(1800));
        assertThatThrownBy(() -> new ClusterSettings("c", true, 7, Duration.ZERO, 5, Duration.ofSeconds(900),
                Duration.ofSeconds(1800), Duration.ofMinutes(15), TlsVersion.TLS_1_2, TlsVersion.TLS_1_2,
                CipherSuites.PROVIDER_DEFAULTS, true, PasswordRemovalDisconnect.AUTO))
                .hasMessageContaining("password_min_length");
        assertThatThrownBy(() -> new ClusterSettings("c", true, 8, Duration.ofHours(5), 5, Duration.ofSeconds(900),
                Duration.ofSeconds(1800), Duration.ofMinutes(15), TlsVersion.TLS_1_2, TlsVersion.TLS_1_2,
                CipherSuites.PROVIDER_DEFAULTS, true, PasswordRemovalDisconnect.AUTO))
                .hasMessageContaining("password_expiration_duration");
    }

    @Test
    void usersNeedASubjectLineExactlyWhenCertificateAuthenticated() {
        assertThatThrownBy(() -> new User(0, "svc", "", AuthMethod.CERTIFICATE, "", List.of(), List.of(),
                LoginLockout.CLEAR)).hasMessageContaining("certificate_subject_line");
        assertThatThrownBy(() -> new User(0, "ann", "", AuthMethod.REGULAR, "CN=ann", List.of(), List.of(),
                LoginLockout.CLEAR)).hasMessageContaining("certificate_subject_line");
        assertThatThrownBy(() -> new User(0, "ann", "", AuthMethod.REGULAR, "", List.of(1L, 1L), List.of(),
                LoginLockout.CLEAR)).hasMessageContaining("role_uids");
    }

    @Test
    void lockoutIsLockedOnlyUntilItsEnd() {
        Instant now = Instant.parse("2026-12-08T00:00:00Z");
        LoginLockout locked = new LoginLockout(5, Optional.of(now.minusSeconds(10)), Optional.of(now.plusSeconds(1)));
        assertThat(locked.lockedAt(now)).isTrue();
        assertThat(locked.lockedAt(now.plusSeconds(1))).isFalse();
        assertThat(new LoginLockout(5, Optional.of(now), Optional.of(Instant.MAX)).lockedAt(now.plus(Duration.ofDays(9999))))
                .as("admin release only").isTrue();
        assertThat(LoginLockout.CLEAR.lockedAt(now)).isFalse();
    }

    @Test
    void secretsNeverPrint() {
        UserPassword p = new UserPassword("$argon2id$v=19$secret", HEX, Instant.EPOCH);
        assertThat(p.toString()).doesNotContain("argon2id").doesNotContain(HEX);
        SealedBytes key = SealedBytes.of(new byte[] {42, 43});
        assertThat(key.toString()).isEqualTo("SealedBytes[2 bytes]");
        byte[] copy = key.bytes();
        copy[0] = 0;
        assertThat(key.bytes()[0]).as("immutable").isEqualTo((byte) 42);
        assertThat(SealedBytes.ofBase64(key.base64())).isEqualTo(key);
    }

    @Test
    void stateMapsMustFileObjectsUnderTheirUid() {
        RedisAcl acl = new RedisAcl(3, "r", "+@read");
        assertThatThrownBy(() -> new ClusterState(0, Optional.empty(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(Map.of(4L, acl)), Map.of(), NextUids.FIRST))
                .hasMessageContaining("uid 4");
        assertThatThrownBy(() -> Transaction.of()).hasMessageContaining("at least one change");
    }

    @Test
    void aTransitionIsPureAndLeavesARefusedStateUntouched() {
        ClusterState created = Transition.apply(ClusterState.EMPTY,
                Transaction.of(new Change.CreateCluster(ClusterSettings.defaults("c"))), 1).state();
        Transition refused = Transition.apply(created, Transaction.of(
                new Change.PutRedisAcl(new RedisAcl(0, "a", "+@all")),
                new Change.DeleteRole(9)), 2);
        assertThat(refused.state()).isSameAs(created);
        assertThat(refused.commit()).isInstanceOf(Commit.Rejected.class);
        Transition ok = Transition.apply(created, Transaction.of(new Change.PutRedisAcl(new RedisAcl(0, "a", "+@all"))), 2);
        assertThat(Transition.apply(created, Transaction.of(new Change.PutRedisAcl(new RedisAcl(0, "a", "+@all"))), 2))
                .as("deterministic").isEqualTo(ok);
        assertThat(created.redisAcls()).as("the input state is never modified").isEmpty();
    }
}
