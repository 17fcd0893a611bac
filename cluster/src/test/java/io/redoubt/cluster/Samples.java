package io.redoubt.cluster;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Managed objects with every field set away from its default, for the store's and the formats' tests. */
final class Samples {
    static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";

    private Samples() {}

    static String sha256Hex(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static ClusterSettings settings(String name) {
        return new ClusterSettings(name, false, 12, Duration.ofDays(90), 7, Duration.ofSeconds(600),
                Duration.ZERO, Duration.ofMinutes(30), TlsVersion.TLS_1_3, TlsVersion.TLS_1_2,
                new CipherSuites(List.of("ECDHE-RSA-AES256-GCM-SHA384"), List.of("TLS_AES_256_GCM_SHA384"),
                        List.of(), List.of("TLS_CHACHA20_POLY1305_SHA256")),
                false, PasswordRemovalDisconnect.ENABLED);
    }

    static Database database(long uid, String name, int port, List<RolePermission> bindings) {
        return new Database(uid, name, port, 256L << 20, 2, EvictionPolicy.ALLKEYS_LFU, DataPersistence.AOF,
                AofPolicy.APPENDFSYNC_ALWAYS, List.of(new SnapshotRule(3600, 1), new SnapshotRule(60, 10000)),
                TlsMode.ENABLED, true, List.of(PEM), false, List.of(sha256Hex("db-secret")), bindings);
    }

    static User user(long uid, String name, List<Long> roleUids) {
        return new User(uid, name, name + "@example.com", AuthMethod.REGULAR, "", roleUids,
                List.of(new UserPassword("$pbkdf2-sha256$i=600000$c2FsdA$aGFzaA", sha256Hex("pw-" + name),
                        Instant.parse("2026-01-02T03:04:05.123456789Z"))),
                new LoginLockout(2, Optional.of(Instant.parse("2026-12-01T10:00:00Z")), Optional.of(Instant.MAX)));
    }

    static User certificateUser(long uid, String name) {
        return new User(uid, name, "", AuthMethod.CERTIFICATE, "CN=" + name + ",O=Example", List.of(), List.of(),
                LoginLockout.CLEAR);
    }

    static Role role(long uid, String name, ManagementRole management, List<Long> scope) {
        return new Role(uid, name, management, scope);
    }

    static RedisAcl acl(long uid, String name) {
        return new RedisAcl(uid, name, "+@read ~app:* (+SET ~cache:*)");
    }

    static Certificate certificate(CertificateName name) {
        return new Certificate(name, PEM + PEM, SealedBytes.of(new byte[] {1, 2, 3, (byte) 0xff, 0}));
    }
}
