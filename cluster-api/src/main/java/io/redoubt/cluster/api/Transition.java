package io.redoubt.cluster.api;

import io.redoubt.cluster.api.Change.CreateCluster;
import io.redoubt.cluster.api.Change.DeleteCertificate;
import io.redoubt.cluster.api.Change.DeleteDatabase;
import io.redoubt.cluster.api.Change.DeleteNode;
import io.redoubt.cluster.api.Change.DeleteRedisAcl;
import io.redoubt.cluster.api.Change.DeleteRole;
import io.redoubt.cluster.api.Change.DeleteUser;
import io.redoubt.cluster.api.Change.PutCertificate;
import io.redoubt.cluster.api.Change.PutClusterSettings;
import io.redoubt.cluster.api.Change.PutDatabase;
import io.redoubt.cluster.api.Change.PutNode;
import io.redoubt.cluster.api.Change.PutRedisAcl;
import io.redoubt.cluster.api.Change.PutRole;
import io.redoubt.cluster.api.Change.PutUser;
import io.redoubt.cluster.api.Rejection.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a transaction does to a state: the next state and the outcome. A pure, deterministic function of
 * (state, transaction, revision), so every peer that applies the same log reaches the same state, and the
 * admin services can run it on a snapshot to validate a request ({@code ?dry_run}) without proposing it.
 * A refused transaction leaves the state exactly as it was.
 *
 * @param state the state after the transaction (the same instance when it was refused)
 * @param commit applied with the uids, or refused with the reason
 */
public record Transition(ClusterState state, Commit commit) {

    /** Applies {@code transaction} to {@code before} as the log entry {@code revision}. */
    public static Transition apply(ClusterState before, Transaction transaction, long revision) {
        if (transaction.expectedRevision().isPresent()
                && transaction.expectedRevision().getAsLong() != before.revision()) {
            return refused(before, new Rejection(Reason.CONFLICT, -1, "the configuration changed since revision "
                    + transaction.expectedRevision().getAsLong() + " (now " + before.revision() + "): read it again and retry"));
        }
        if (revision <= before.revision()) {
            throw new IllegalArgumentException("revision " + revision + " is not after " + before.revision());
        }
        Working w = new Working(before);
        List<Long> uids = new ArrayList<>();
        List<Change> changes = transaction.changes();
        for (int i = 0; i < changes.size(); i++) {
            try {
                uids.add(w.apply(changes.get(i)));
            } catch (Refusal r) {
                return refused(before, new Rejection(r.reason, i, r.getMessage()));
            }
        }
        return new Transition(w.freeze(revision), new Commit.Applied(revision, uids));
    }

    private static Transition refused(ClusterState before, Rejection rejection) {
        return new Transition(before, new Commit.Rejected(before.revision(), rejection));
    }

    /** An invariant broken by one change; ends the transaction. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Reason reason;

        Refusal(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    /** Mutable copies of the state's maps, thrown away when a change is refused. */
    private static final class Working {
        Optional<ClusterSettings> settings;
        final TreeMap<Long, Node> nodes;
        final TreeMap<Long, Database> databases;
        final TreeMap<Long, User> users;
        final TreeMap<Long, Role> roles;
        final TreeMap<Long, RedisAcl> redisAcls;
        final EnumMap<CertificateName, Certificate> certificates = new EnumMap<>(CertificateName.class);
        NextUids nextUids;

        Working(ClusterState s) {
            settings = s.settings();
            nodes = new TreeMap<>(s.nodes());
            databases = new TreeMap<>(s.databases());
            users = new TreeMap<>(s.users());
            roles = new TreeMap<>(s.roles());
            redisAcls = new TreeMap<>(s.redisAcls());
            certificates.putAll(s.certificates());
            nextUids = s.nextUids();
        }

        ClusterState freeze(long revision) {
            return new ClusterState(revision, settings, nodes, databases, users, roles, redisAcls, certificates, nextUids);
        }

        long apply(Change change) throws Refusal {
            if (change instanceof CreateCluster create) {
                if (settings.isPresent()) {
                    throw new Refusal(Reason.CLUSTER_EXISTS, "the cluster '" + settings.get().name() + "' already exists");
                }
                settings = Optional.of(create.settings());
                return 0;
            }
            if (settings.isEmpty()) {
                throw new Refusal(Reason.NO_CLUSTER, "no cluster yet: create the cluster first");
            }
            return switch (change) {
                case CreateCluster c -> throw new AssertionError("handled above");
                case PutClusterSettings p -> {
                    settings = Optional.of(p.settings());
                    yield 0;
                }
                case PutNode p -> put(ObjectKind.NODE, nodes, p.node());
                case DeleteNode d -> delete(ObjectKind.NODE, nodes, d.uid());
                case PutDatabase p -> {
                    Database db = p.database();
                    unique(ObjectKind.DATABASE, databases, db);
                    for (Database other : databases.values()) {
                        if (other.uid() != db.uid() && other.port() == db.port()) {
                            throw new Refusal(Reason.PORT_IN_USE, "port " + db.port() + " is taken by database "
                                    + other.uid() + " '" + other.name() + "'");
                        }
                    }
                    for (RolePermission rp : db.rolesPermissions()) {
                        exists(ObjectKind.ROLE, roles, rp.roleUid(), "roles_permissions");
                        exists(ObjectKind.REDIS_ACL, redisAcls, rp.redisAclUid(), "roles_permissions");
                    }
                    yield put(ObjectKind.DATABASE, databases, db);
                }
                case DeleteDatabase d -> delete(ObjectKind.DATABASE, databases, d.uid());
                case PutUser p -> {
                    unique(ObjectKind.USER, users, p.user());
                    for (long roleUid : p.user().roleUids()) {
                        exists(ObjectKind.ROLE, roles, roleUid, "role_uids");
                    }
                    yield put(ObjectKind.USER, users, p.user());
                }
                case DeleteUser d -> delete(ObjectKind.USER, users, d.uid());
                case PutRole p -> {
                    unique(ObjectKind.ROLE, roles, p.role());
                    yield put(ObjectKind.ROLE, roles, p.role());
                }
                case DeleteRole d -> {
                    for (User u : users.values()) {
                        if (u.roleUids().contains(d.uid())) {
                            throw stillReferenced(ObjectKind.ROLE, d.uid(), "user " + u.uid() + " '" + u.name() + "'");
                        }
                    }
                    for (Database db : databases.values()) {
                        if (db.rolesPermissions().stream().anyMatch(rp -> rp.roleUid() == d.uid())) {
                            throw stillReferenced(ObjectKind.ROLE, d.uid(), "the roles_permissions of database "
                                    + db.uid() + " '" + db.name() + "'");
                        }
                    }
                    yield delete(ObjectKind.ROLE, roles, d.uid());
                }
                case PutRedisAcl p -> {
                    unique(ObjectKind.REDIS_ACL, redisAcls, p.redisAcl());
                    yield put(ObjectKind.REDIS_ACL, redisAcls, p.redisAcl());
                }
                case DeleteRedisAcl d -> {
                    for (Database db : databases.values()) {
                        if (db.rolesPermissions().stream().anyMatch(rp -> rp.redisAclUid() == d.uid())) {
                            throw stillReferenced(ObjectKind.REDIS_ACL, d.uid(), "the roles_permissions of database "
                                    + db.uid() + " '" + db.name() + "'");
                        }
                    }
                    yield delete(ObjectKind.REDIS_ACL, redisAcls, d.uid());
                }
                case PutCertificate p -> {
                    certificates.put(p.certificate().name(), p.certificate());
                    yield 0;
                }
                case DeleteCertificate d -> {
                    if (certificates.remove(d.name()) == null) {
                        throw new Refusal(Reason.NOT_FOUND, "no certificate named " + d.name().reName());
                    }
                    yield 0;
                }
            };
        }

        @SuppressWarnings("unchecked")
        private <T extends Identified> long put(ObjectKind kind, Map<Long, T> objects, T object) {
            long uid = object.uid() == 0 ? nextUids.next(kind) : object.uid();
            objects.put(uid, object.uid() == uid ? object : (T) object.withUid(uid));
            nextUids = nextUids.taken(kind, uid);
            return uid;
        }

        private static <T> long delete(ObjectKind kind, Map<Long, T> objects, long uid) throws Refusal {
            if (objects.remove(uid) == null) {
                throw new Refusal(Reason.NOT_FOUND, "no " + kind.reName() + " with uid " + uid);
            }
            return uid;
        }

        private static <T extends Named> void unique(ObjectKind kind, Map<Long, T> objects, T object) throws Refusal {
            long uid = ((Identified) object).uid();
            for (T other : objects.values()) {
                if (other.name().equals(object.name()) && ((Identified) other).uid() != uid) {
                    throw new Refusal(Reason.NAME_EXISTS, "a " + kind.reName() + " named '" + object.name()
                            + "' already exists (uid " + ((Identified) other).uid() + ")");
                }
            }
        }

        private static void exists(ObjectKind kind, Map<Long, ?> objects, long uid, String field) throws Refusal {
            if (!objects.containsKey(uid)) {
                throw new Refusal(Reason.MISSING_REFERENCE, field + " refers to " + kind.reName() + " " + uid
                        + ", which does not exist");
            }
        }

        private static Refusal stillReferenced(ObjectKind kind, long uid, String by) {
            return new Refusal(Reason.STILL_REFERENCED, kind.reName() + " " + uid + " is still used by " + by);
        }
    }
}
