package io.redoubt.node;

import io.redoubt.cluster.api.AofPolicy;
import io.redoubt.cluster.api.ClusterSettings;
import io.redoubt.cluster.api.TlsVersion;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.RedisAcl;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.SnapshotRule;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.cluster.api.User;
import io.redoubt.cluster.api.UserPassword;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The redis.conf lines a database of the control plane runs with, made from its object in the store:
 * the one place where RE's fields become Redis's parameters and ACL users. The node's reconciler starts
 * a database from them and, when the object changes, applies what changed.
 *
 * <p>Data access comes from the roles: every user holding a role that {@code roles_permissions} binds to
 * a Redis ACL on this database becomes an ACL user of that name, with its control-plane passwords in
 * Redis's SHA-256 form and that ACL's rules. The default user is on (with its passwords, or none) or off,
 * as {@code default_user} says.
 */
final class ManagedDatabaseLines {
    /** Parameters a running database takes without a restart (CONFIG SET); a change of any other restarts it. */
    static final List<String> LIVE = List.of("maxmemory", "maxmemory-policy", "appendonly", "appendfsync", "save",
            "tls-protocols", "tls-ciphers", "tls-ciphersuites", "tls-auth-clients", "tls-ca-cert-file");

    /**
     * The files a TLS database serves with: the {@code proxy} certificate chain and key, and the
     * certificates its clients must present ({@code authentication_ssl_client_certs}), if any.
     */
    record TlsFiles(Path certificate, Path key, Path clientAuthorities) {
    }

    private ManagedDatabaseLines() {
    }

    /**
     * The parameters (not the users) of {@code database}, with its files under {@code dataDir}: names and
     * values as CONFIG SET takes them.
     */
    static Map<String, String> parameters(Database database, String bind, Path dataDir, Path eventLog,
                                          TlsFiles tlsFiles, java.util.Optional<ClusterSettings> cluster) {
        Map<String, String> p = new LinkedHashMap<>();
        boolean tls = database.tlsMode() == TlsMode.ENABLED;
        // RE's tls_mode enabled: the database's one port speaks TLS only
        p.put("port", Integer.toString(tls ? 0 : database.port()));
        p.put("tls-port", Integer.toString(tls ? database.port() : 0));
        p.put("bind", bind);
        p.put("dir", dataDir.toString());
        p.put("shards", Integer.toString(database.shardsCount()));
        p.put("maxmemory", Long.toString(database.memorySize()));
        p.put("maxmemory-policy", database.evictionPolicy().reName());
        switch (database.dataPersistence()) {
            case AOF -> {
                p.put("appendonly", "yes");
                p.put("appendfsync", database.aofPolicy() == AofPolicy.APPENDFSYNC_ALWAYS ? "always" : "everysec");
                p.put("save", "");
            }
            case SNAPSHOT -> {
                p.put("appendonly", "no");
                p.put("appendfsync", "everysec");
                StringJoiner points = new StringJoiner(" ");
                for (SnapshotRule rule : database.snapshotPolicy()) {
                    points.add(Long.toString(rule.secs())).add(Long.toString(rule.writes()));
                }
                p.put("save", points.toString());
            }
            case DISABLED -> {
                p.put("appendonly", "no");
                p.put("appendfsync", "everysec");
                p.put("save", "");
            }
        }
        if (tls) {
            if (tlsFiles != null) {
                p.put("tls-cert-file", tlsFiles.certificate().toString());
                p.put("tls-key-file", tlsFiles.key().toString());
                p.put("tls-ca-cert-file", tlsFiles.clientAuthorities() == null ? ""
                        : tlsFiles.clientAuthorities().toString());
            }
            boolean clientCertificates = database.enforceClientAuthentication() && tlsFiles != null
                    && tlsFiles.clientAuthorities() != null;
            p.put("tls-auth-clients", clientCertificates ? "yes" : "no");
            // the cluster's min_data_TLS_version and data cipher suites (RE's names), TLS 1.2 at least
            boolean only13 = cluster.map(c -> c.minDataTlsVersion() == TlsVersion.TLS_1_3).orElse(false);
            p.put("tls-protocols", only13 ? "TLSv1.3" : "TLSv1.2 TLSv1.3");
            p.put("tls-ciphers", cluster.map(c -> String.join(":", c.cipherSuites().dataCipherSuites())).orElse(""));
            p.put("tls-ciphersuites", cluster.map(c -> String.join(":", c.cipherSuites().dataCipherSuitesTls13()))
                    .orElse(""));
        }
        p.put("event-log-file", eventLog.toString());
        return p;
    }

    /**
     * The ACL users of {@code database}: name → rules, the default user first. A user bound through
     * several roles gets the first binding's ACL (RE gives one ACL per user and database).
     */
    static Map<String, List<String>> users(Database database, ClusterState state) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        List<String> defaultRules = new ArrayList<>();
        defaultRules.add("reset");
        if (database.defaultUser()) {
            defaultRules.add("on");
            if (database.defaultUserPasswords().isEmpty()) {
                defaultRules.add("nopass");
            } else {
                database.defaultUserPasswords().forEach(h -> defaultRules.add("#" + h));
            }
            defaultRules.addAll(List.of("~*", "&*", "+@all"));
        } else {
            defaultRules.add("off"); // no one signs in as default: data access comes from roles only
        }
        users.put("default", defaultRules);
        for (RolePermission binding : database.rolesPermissions()) {
            RedisAcl acl = state.redisAcl(binding.redisAclUid()).orElse(null);
            if (acl == null) {
                continue; // the store refuses a binding to a missing ACL; nothing to grant meanwhile
            }
            for (User user : state.users().values()) {
                if (!user.roleUids().contains(binding.roleUid()) || users.containsKey(user.name())
                        || user.passwords().isEmpty()) {
                    continue;
                }
                List<String> rules = new ArrayList<>();
                rules.add("reset");
                rules.add("on");
                for (UserPassword password : user.passwords()) {
                    rules.add("#" + password.redisSha256Hex());
                }
                rules.addAll(List.of(acl.acl().trim().split("\\s+")));
                users.put(user.name(), rules);
            }
        }
        return users;
    }

    /** Every line: parameters, then a {@code user} line per ACL user. */
    static List<String> lines(Map<String, String> parameters, Map<String, List<String>> users) {
        List<String> lines = new ArrayList<>();
        parameters.forEach((name, value) -> lines.add(name + " " + ServerConfig.quote(value)));
        users.forEach((name, rules) -> lines.add("user " + name + " " + String.join(" ", rules)));
        return lines;
    }
}
