package io.redoubt.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.ConfigStore;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.Rejection.Reason;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.StoreUnavailableException;
import io.redoubt.cluster.api.Transaction;
import java.io.IOException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.RetryPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a real one-peer Ratis group on loopback: proposals, watches, optimistic concurrency and each
 * invariant the state machine keeps. One store for the class; the cluster is created first, and each test
 * works on objects of its own names and ports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftConfigStoreTest {
    @TempDir
    static Path dir;
    static RaftConfigStore store;
    static final BlockingQueue<ClusterState> watched = new LinkedBlockingQueue<>();
    static ConfigStore.Watch watch;
    static final Set<String> watchThreads = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void open() throws IOException {
        store = RaftConfigStore.open(StoreSettings.singleNode(dir.resolve("raft")));
        watch = store.watch(state -> {
            watchThreads.add(Thread.currentThread().getName());
            watched.add(state);
        });
    }

    @AfterAll
    static void close() {
        if (watch != null) {
            watch.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static Commit propose(Transaction tx) throws Exception {
        return store.propose(tx).get(20, TimeUnit.SECONDS);
    }

    static Commit.Applied applied(Transaction tx) throws Exception {
        Commit c = propose(tx);
        assertThat(c).isInstanceOf(Commit.Applied.class);
        return (Commit.Applied) c;
    }

    static Commit.Rejected rejected(Transaction tx, Reason reason) throws Exception {
        ClusterState before = store.current();
        Commit c = propose(tx);
        assertThat(c).isInstanceOf(Commit.Rejected.class);
        Commit.Rejected r = (Commit.Rejected) c;
        assertThat(r.rejection().reason()).isEqualTo(reason);
        assertThat(store.current()).as("a refused transaction changes nothing").isEqualTo(before);
        return r;
    }

    @Test
    @Order(1)
    void nothingButCreationBeforeTheClusterExists() throws Exception {
        assertThat(store.current().created()).isFalse();
        rejected(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, "early"))), Reason.NO_CLUSTER);
    }

    @Test
    @Order(2)
    void aCommittedTransactionIsInCurrentAndReachesTheWatcher() throws Exception {
        assertThat(watched.poll(10, TimeUnit.SECONDS)).as("the watcher first gets the current state")
                .isEqualTo(ClusterState.EMPTY);
        Commit.Applied a = applied(Transaction.atRevision(0, new Change.CreateCluster(Samples.settings("c1")),
                new Change.PutRole(Samples.role(0, "admins", ManagementRole.ADMIN, List.of())),
                new Change.PutUser(Samples.user(0, "admin", List.of(1L)))));
        assertThat(a.uids()).containsExactly(0L, 1L, 1L);
        ClusterState now = store.current();
        assertThat(now.revision()).isEqualTo(a.revision());
        assertThat(now.settings()).contains(Samples.settings("c1"));
        assertThat(now.user(1)).contains(Samples.user(1, "admin", List.of(1L)));
        ClusterState seen = watched.poll(10, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo(now);
        rejected(Transaction.of(new Change.CreateCluster(Samples.settings("again"))), Reason.CLUSTER_EXISTS);
    }

    @Test
    @Order(3)
    void uidsAreAllocatedInOrderAndNeverReused() throws Exception {
        long next = store.current().nextUids().redisAcl();
        Commit.Applied a = applied(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, "u-a")),
                new Change.PutRedisAcl(Samples.acl(0, "u-b"))));
        assertThat(a.uids()).containsExactly(next, next + 1);
        applied(Transaction.of(new Change.DeleteRedisAcl(next + 1)));
        Commit.Applied c = applied(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, "u-c"))));
        assertThat(c.uids()).containsExactly(next + 2);
        // an explicit uid above the counter moves it past that uid
        applied(Transaction.of(new Change.PutRedisAcl(Samples.acl(next + 10, "u-d"))));
        assertThat(store.current().nextUids().redisAcl()).isEqualTo(next + 11);
        assertThat(store.current().redisAcl(next + 2).orElseThrow().name()).isEqualTo("u-c");
    }

    @Test
    @Order(4)
    void aStaleRevisionIsAConflictAndChangesNothing() throws Exception {
        long seen = store.current().revision();
        applied(Transaction.atRevision(seen, new Change.PutRedisAcl(Samples.acl(0, "c-first"))));
        Commit.Rejected r = rejected(Transaction.atRevision(seen, new Change.PutRedisAcl(Samples.acl(0, "c-second"))),
                Reason.CONFLICT);
        assertThat(r.currentRevision()).isGreaterThan(seen).isEqualTo(store.current().revision());
        assertThat(store.current().redisAclNamed("c-second")).isEmpty();
    }

    @Test
    @Order(5)
    void namesAreUniquePerKind() throws Exception {
        applied(Transaction.of(new Change.PutRole(Samples.role(0, "n-dup", ManagementRole.DB_VIEWER, List.of())),
                new Change.PutRedisAcl(Samples.acl(0, "n-dup")))); // same name, other kinds: fine
        rejected(Transaction.of(new Change.PutRole(Samples.role(0, "n-dup", ManagementRole.NONE, List.of()))),
                Reason.NAME_EXISTS);
        rejected(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, "n-dup"))), Reason.NAME_EXISTS);
        rejected(Transaction.of(new Change.PutUser(Samples.user(0, "admin", List.of()))), Reason.NAME_EXISTS);
        applied(Transaction.of(new Change.PutDatabase(Samples.database(0, "n-db", 16001, List.of()))));
        rejected(Transaction.of(new Change.PutDatabase(Samples.database(0, "n-db", 16002, List.of()))),
                Reason.NAME_EXISTS);
    }

    @Test
    @Order(6)
    void databasePortsAreUniqueAndAPutOfTheSameDatabaseKeepsItsPort() throws Exception {
        Commit.Applied a = applied(Transaction.of(new Change.PutDatabase(Samples.database(0, "p-one", 16100, List.of()))));
        long uid = a.uids().get(0);
        Commit.Rejected r = rejected(Transaction.of(
                new Change.PutRedisAcl(Samples.acl(0, "p-acl")),
                new Change.PutDatabase(Samples.database(0, "p-two", 16100, List.of()))), Reason.PORT_IN_USE);
        assertThat(r.rejection().changeIndex()).isEqualTo(1);
        assertThat(store.current().redisAclNamed("p-acl")).as("the whole transaction was refused").isEmpty();
        Database renamed = Samples.database(uid, "p-renamed", 16100, List.of());
        applied(Transaction.of(new Change.PutDatabase(renamed)));
        assertThat(store.current().database(uid)).contains(renamed);
    }

    @Test
    @Order(7)
    void referencesMustExist() throws Exception {
        long missingRole = store.current().nextUids().role() + 100;
        rejected(Transaction.of(new Change.PutUser(Samples.user(0, "r-user", List.of(missingRole)))),
                Reason.MISSING_REFERENCE);
        long missingAcl = store.current().nextUids().redisAcl() + 100;
        rejected(Transaction.of(new Change.PutDatabase(Samples.database(0, "r-db", 16200,
                List.of(new RolePermission(1, missingAcl))))), Reason.MISSING_REFERENCE);
        // within one transaction, later changes see earlier ones: the new uids are known from the snapshot
        ClusterState s = store.current();
        long role = s.nextUids().role();
        long acl = s.nextUids().redisAcl();
        Commit.Applied a = applied(Transaction.atRevision(s.revision(),
                new Change.PutRole(Samples.role(0, "r-role", ManagementRole.DB_MEMBER, List.of(1L))),
                new Change.PutRedisAcl(Samples.acl(0, "r-acl")),
                new Change.PutDatabase(Samples.database(0, "r-db", 16200, List.of(new RolePermission(role, acl)))),
                new Change.PutUser(Samples.user(0, "r-user", List.of(role)))));
        assertThat(a.uids().subList(0, 2)).containsExactly(role, acl);
    }

    @Test
    @Order(8)
    void deletesRefuseMissingAndStillReferencedObjects() throws Exception {
        ClusterState s = store.current();
        long role = s.roleNamed("r-role").orElseThrow().uid();
        long acl = s.redisAclNamed("r-acl").orElseThrow().uid();
        long db = s.databaseNamed("r-db").orElseThrow().uid();
        long user = s.userNamed("r-user").orElseThrow().uid();
        rejected(Transaction.of(new Change.DeleteDatabase(9999)), Reason.NOT_FOUND);
        rejected(Transaction.of(new Change.DeleteUser(9999)), Reason.NOT_FOUND);
        rejected(Transaction.of(new Change.DeleteNode(9999)), Reason.NOT_FOUND);
        rejected(Transaction.of(new Change.DeleteCertificate(CertificateName.SYSLOG)), Reason.NOT_FOUND);
        rejected(Transaction.of(new Change.DeleteRole(role)), Reason.STILL_REFERENCED);
        rejected(Transaction.of(new Change.DeleteRedisAcl(acl)), Reason.STILL_REFERENCED);
        rejected(Transaction.of(new Change.DeleteUser(user), new Change.DeleteRole(role)), Reason.STILL_REFERENCED);
        assertThat(store.current().user(user)).as("nothing half-applied").isPresent();
        applied(Transaction.of(new Change.DeleteDatabase(db), new Change.DeleteUser(user), new Change.DeleteRole(role),
                new Change.DeleteRedisAcl(acl)));
        assertThat(store.current().role(role)).isEmpty();
    }

    @Test
    @Order(9)
    void certificatesAndSettingsArePutAndReplaced() throws Exception {
        applied(Transaction.of(new Change.PutCertificate(Samples.certificate(CertificateName.PROXY)),
                new Change.PutClusterSettings(Samples.settings("c1-renamed"))));
        assertThat(store.current().certificate(CertificateName.PROXY)).contains(Samples.certificate(CertificateName.PROXY));
        assertThat(store.current().settings().orElseThrow().name()).isEqualTo("c1-renamed");
    }

    @Test
    @Order(10)
    void theWatcherSawEveryAppliedRevisionInOrderAndNoRefusedOne() throws Exception {
        long last = store.current().revision();
        long previous = 0;
        ClusterState s;
        while ((s = watched.poll(10, TimeUnit.SECONDS)) != null) {
            assertThat(s.revision()).isGreaterThan(previous);
            previous = s.revision();
            if (s.revision() == last) {
                break;
            }
        }
        assertThat(previous).isEqualTo(last);
        assertThat(watchThreads).as("listeners run on the store's watch thread, never Ratis's")
                .hasSize(1).allMatch(name -> name.startsWith("config-watch-"));
    }

    @Test
    @Order(11)
    void storageIsOwnerOnly() throws IOException {
        Path raft = dir.resolve("raft");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(raft))).isEqualTo("rwx------");
        try (var groups = Files.list(raft)) {
            for (Path g : groups.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(g))).isEqualTo("rwx------");
            }
        }
    }

    @Test
    @Order(12)
    void aClosedStoreRefusesProposalsAsUnavailable() throws Exception {
        RaftConfigStore other = RaftConfigStore.open(StoreSettings.singleNode(dir.resolve("other")));
        other.close();
        assertThatThrownBy(() -> other.propose(Transaction.of(new Change.DeleteNode(1))).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreUnavailableException.class);
    }

    @Test
    @Order(20)
    void anEntryNoPeerCouldDecodeIsRefusedBeforeTheLogAndTheStoreKeepsServing() throws Exception {
        ClusterState before = store.current();
        RaftProperties props = new RaftProperties();
        try (RaftClient raw = RaftClient.newBuilder().setProperties(props).setRaftGroup(store.group())
                .setRetryPolicy(RetryPolicies.noRetry()).build()) {
            for (String junk : List.of("not json", "{\"format\":1,\"changes\":[{\"op\":\"drop_all\"}]}",
                    "{\"format\":9,\"changes\":[]}")) {
                assertThatThrownBy(() -> raw.async().send(Message.valueOf(junk)).get(20, TimeUnit.SECONDS))
                        .as(junk).hasCauseInstanceOf(StateMachineException.class)
                        .hasMessageContaining("StoredFormatException");
            }
        }
        assertThat(store.current()).isEqualTo(before);
        applied(Transaction.of(new Change.PutRedisAcl(Samples.acl(0, "after-junk"))));
    }
}
