package io.redoubt.admin;

import io.redoubt.admin.api.BdbPasswordRequest;
import io.redoubt.admin.api.BdbPasswords;
import io.redoubt.admin.api.BdbRequest;
import io.redoubt.admin.api.ClientCertificate;
import io.redoubt.admin.api.ErrorCode;
import io.redoubt.admin.api.Route;
import io.redoubt.cluster.api.AofPolicy;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.DataPersistence;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.EvictionPolicy;
import io.redoubt.cluster.api.PasswordRemovalDisconnect;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.SnapshotRule;
import io.redoubt.cluster.api.TlsMode;
import io.redoubt.cluster.api.Transaction;
import io.redoubt.security.Secret;
import io.redoubt.security.password.RedisPasswordDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/bdbs}: databases as desired state. The service checks a request and writes the database
 * into the store; the node's reconciler starts, changes and stops what runs. The default user's
 * passwords are kept as Redis's SHA-256 only.
 */
final class DatabaseService {
    /** Where RE starts giving ports to databases created without one. */
    static final int FIRST_AUTO_PORT = 10000;

    private final StoreWriter store;
    private final AccessPolicy policy;
    private final EventJournal journal;
    private final long nodeMemoryBytes;

    DatabaseService(StoreWriter store, AccessPolicy policy, EventJournal journal, long nodeMemoryBytes) {
        this.store = store;
        this.policy = policy;
        this.journal = journal;
        this.nodeMemoryBytes = nodeMemoryBytes;
    }

    Answer list(Caller caller) {
        ClusterState s = store.current();
        return Answer.ok(s.databases().values().stream().filter(d -> policy.sees(caller, Route.BDBS_LIST, d.uid()))
                .map(d -> view(s, d)).toList());
    }

    Answer get(long uid) {
        ClusterState s = store.current();
        return Answer.ok(view(s, existing(s, uid)));
    }

    Answer create(Caller caller, BdbRequest r, boolean dryRun) {
        r.validateForCreate().ifPresent(e -> { throw ApiException.of(e); });
        Database[] made = new Database[1];
        long uid = store.commit(s -> {
            if (r.uid() != null && s.database(r.uid()).isPresent()) {
                throw new ApiException(ErrorCode.UID_EXISTS, "a database with uid " + r.uid() + " exists");
            }
            int port = r.port() != null ? r.port() : freePort(s);
            Database base = Database.withDefaults(r.name(), port, r.memorySize());
            made[0] = merged(r.uid() == null ? base : base.withUid(r.uid()), r);
            return Transaction.atRevision(s.revision(), new Change.PutDatabase(made[0]));
        }, dryRun).uids().get(0);
        record(caller, "bdb_created", uid, fields(r), dryRun);
        return Answer.ok(view(store.current(), made[0].withUid(uid)));
    }

    Answer update(Caller caller, long uid, BdbRequest r, boolean dryRun) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        if (r.uid() != null && r.uid() != uid) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "'uid' cannot change (the path names database " + uid + ")");
        }
        Database[] made = new Database[1];
        store.commit(s -> {
            made[0] = merged(existing(s, uid), r);
            return Transaction.atRevision(s.revision(), new Change.PutDatabase(made[0]));
        }, dryRun);
        record(caller, "bdb_updated", uid, fields(r), dryRun);
        return Answer.ok(view(store.current(), made[0]));
    }

    Answer delete(Caller caller, long uid, boolean dryRun) {
        store.commit(s -> {
            existing(s, uid);
            return Transaction.atRevision(s.revision(), new Change.DeleteDatabase(uid));
        }, dryRun);
        record(caller, "bdb_deleted", uid, List.of(), dryRun);
        return Answer.noContent();
    }

    Answer passwords(long uid) {
        return Answer.ok(new BdbPasswords(Math.toIntExact(uid), existing(store.current(), uid).defaultUserPasswords().size()));
    }

    /** PUT (replace all with one), POST (add one) and DELETE (remove one, never the last). */
    Answer changePasswords(Caller caller, long uid, Route route, BdbPasswordRequest r) {
        r.validate().ifPresent(e -> { throw ApiException.of(e); });
        String digest = RedisPasswordDigest.sha256Hex(Secret.of(r.password()));
        store.commit(s -> {
            Database d = existing(s, uid);
            List<String> pw = new ArrayList<>(d.defaultUserPasswords());
            switch (route) {
                case BDB_PASSWORDS_REPLACE -> {
                    pw.clear();
                    pw.add(digest);
                }
                case BDB_PASSWORDS_ADD -> {
                    if (pw.contains(digest)) {
                        throw new ApiException(ErrorCode.NEW_PASSWORD_SAME_AS_CURRENT, "the database already has this password");
                    }
                    pw.add(digest);
                }
                case BDB_PASSWORDS_DELETE -> {
                    if (!pw.contains(digest)) {
                        throw new ApiException(ErrorCode.NOT_FOUND, "the database has no such password");
                    }
                    if (pw.size() == 1) {
                        throw new ApiException(ErrorCode.CANNOT_DELETE_LAST_PASSWORD,
                                "this is the default user's only password: add another before removing it");
                    }
                    pw.remove(digest);
                }
                default -> throw new IllegalArgumentException(route.name());
            }
            return Transaction.atRevision(s.revision(), new Change.PutDatabase(withPasswords(d, pw)));
        }, false);
        record(caller, "bdb_updated", uid, List.of("passwords"), false);
        return Answer.noContent();
    }

    private Database merged(Database d, BdbRequest r) {
        if (r.disconnectClientsOnPasswordRemoval() != null) {
            throw new ApiException(ErrorCode.INVALID_PARAM, "'disconnect_clients_on_password_removal' is a cluster "
                    + "setting on this node: set it with PUT /v1/cluster");
        }
        long memory = r.memorySize() == null ? d.memorySize() : r.memorySize();
        if (memory > nodeMemoryBytes) {
            throw new ApiException(ErrorCode.INSUFFICIENT_RESOURCES, "'memory_size' " + memory
                    + " is more than this node's memory (" + nodeMemoryBytes + " bytes)");
        }
        List<SnapshotRule> snapshots = r.snapshotPolicy() == null ? d.snapshotPolicy()
                : r.snapshotPolicy().stream().map(p -> new SnapshotRule(p.secs(), p.writes())).distinct().toList();
        List<String> certs = r.authenticationSslClientCerts() == null ? d.authenticationSslClientCerts()
                : r.authenticationSslClientCerts().stream().map(ClientCertificate::clientCert).distinct().toList();
        List<RolePermission> bindings = r.rolesPermissions() == null ? d.rolesPermissions()
                : r.rolesPermissions().stream().map(p -> new RolePermission(p.roleUid(), p.redisAclUid())).distinct()
                        .toList();
        boolean enforce = r.enforceClientAuthentication() == null ? d.enforceClientAuthentication()
                : r.enforceClientAuthentication().equals("enabled");
        try {
            return new Database(d.uid(), r.name() == null ? d.name() : r.name(), r.port() == null ? d.port() : r.port(),
                    memory, r.shardsCount() == null ? d.shardsCount() : r.shardsCount(),
                    r.evictionPolicy() == null ? d.evictionPolicy() : EvictionPolicy.of(r.evictionPolicy()),
                    r.dataPersistence() == null ? d.dataPersistence() : DataPersistence.of(r.dataPersistence()),
                    r.aofPolicy() == null ? d.aofPolicy() : AofPolicy.of(r.aofPolicy()), snapshots,
                    r.tlsMode() == null ? d.tlsMode() : TlsMode.of(r.tlsMode()), enforce, certs,
                    r.defaultUser() == null ? d.defaultUser() : r.defaultUser(), d.defaultUserPasswords(), bindings);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAM, e.getMessage());
        }
    }

    private static Database withPasswords(Database d, List<String> pw) {
        return new Database(d.uid(), d.name(), d.port(), d.memorySize(), d.shardsCount(), d.evictionPolicy(),
                d.dataPersistence(), d.aofPolicy(), d.snapshotPolicy(), d.tlsMode(), d.enforceClientAuthentication(),
                d.authenticationSslClientCerts(), d.defaultUser(), pw, d.rolesPermissions());
    }

    private static int freePort(ClusterState s) {
        int port = FIRST_AUTO_PORT;
        while (true) {
            int p = port;
            if (s.databases().values().stream().noneMatch(d -> d.port() == p)) {
                return p;
            }
            port++;
        }
    }

    private static io.redoubt.admin.api.Bdb view(ClusterState s, Database d) {
        return Views.database(d, s.settings().map(st -> st.disconnectClientsOnPasswordRemoval()
                != PasswordRemovalDisconnect.DISABLED).orElse(true));
    }

    private static Database existing(ClusterState s, long uid) {
        return s.database(uid).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no database with uid " + uid));
    }

    private void record(Caller caller, String type, long uid, List<String> fields, boolean dryRun) {
        if (!dryRun) {
            journal.record(type, true, caller, null, caller.sourceAddress(), "bdb:" + uid, Long.toString(uid), fields,
                    null);
        }
    }

    private static List<String> fields(BdbRequest r) {
        List<String> f = new ArrayList<>();
        if (r.name() != null) f.add("name");
        if (r.port() != null) f.add("port");
        if (r.memorySize() != null) f.add("memory_size");
        if (r.shardsCount() != null) f.add("shards_count");
        if (r.evictionPolicy() != null) f.add("eviction_policy");
        if (r.dataPersistence() != null) f.add("data_persistence");
        if (r.aofPolicy() != null) f.add("aof_policy");
        if (r.snapshotPolicy() != null) f.add("snapshot_policy");
        if (r.tlsMode() != null) f.add("tls_mode");
        if (r.enforceClientAuthentication() != null) f.add("enforce_client_authentication");
        if (r.authenticationSslClientCerts() != null) f.add("authentication_ssl_client_certs");
        if (r.defaultUser() != null) f.add("default_user");
        if (r.rolesPermissions() != null) f.add("roles_permissions");
        return f;
    }
}
