package io.redoubt.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.cluster.api.CertificateName;
import io.redoubt.cluster.api.Change;
import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.Commit;
import io.redoubt.cluster.api.Database;
import io.redoubt.cluster.api.ManagementRole;
import io.redoubt.cluster.api.RolePermission;
import io.redoubt.cluster.api.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A store closed and opened again on the same directory holds exactly the state it had. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RaftConfigStoreRecoveryTest {
    @TempDir
    Path dir;

    private static Commit commit(RaftConfigStore store, Transaction tx) throws Exception {
        return store.propose(tx).get(20, TimeUnit.SECONDS);
    }

    @Test
    void aRestartRecoversTheExactStateAndContinuesFromIt() throws Exception {
        StoreSettings settings = StoreSettings.singleNode(dir.resolve("raft"));
        ClusterState before;
        try (RaftConfigStore store = RaftConfigStore.open(settings)) {
            commit(store, Transaction.of(new Change.CreateCluster(Samples.settings("r")),
                    new Change.PutRole(Samples.role(0, "ops", ManagementRole.DB_MEMBER, List.of())),
                    new Change.PutRedisAcl(Samples.acl(0, "readers")),
                    new Change.PutCertificate(Samples.certificate(CertificateName.API))));
            commit(store, Transaction.of(new Change.PutDatabase(Samples.database(0, "orders", 12000,
                    List.of(new RolePermission(1, 1)))), new Change.PutUser(Samples.user(0, "ann", List.of(1L)))));
            commit(store, Transaction.of(new Change.DeleteRedisAcl(77))); // refused: must not count either
            before = store.current();
        }
        long snapshotIndex = snapshotFiles(groupDirectory(settings.directory())).stream()
                .mapToLong(p -> Long.parseLong(p.getFileName().toString().replaceAll(".*_", ""))).max().orElse(-1);
        assertThat(snapshotIndex).as("closing took a snapshot of everything applied").isGreaterThan(before.revision());
        try (RaftConfigStore store = RaftConfigStore.open(settings)) {
            assertThat(store.current()).isEqualTo(before);
            Commit next = commit(store, Transaction.atRevision(before.revision(),
                    new Change.PutRedisAcl(Samples.acl(0, "writers"))));
            assertThat(next).isInstanceOf(Commit.Applied.class);
            assertThat(((Commit.Applied) next).uids()).containsExactly(before.nextUids().redisAcl());
            assertThat(((Commit.Applied) next).revision()).isGreaterThan(before.revision());
        }
    }

    @Test
    void aRestartAfterSnapshotsAndALogPurgeRecoversTheExactState() throws Exception {
        StoreSettings settings = StoreSettings.singleNode(dir.resolve("raft")).withSnapshotEveryEntries(5)
                .withLogSegmentBytes(64 * 1024);
        // 8 KiB of client certificates per database: a 64 KiB segment closes every few entries
        String bigPem = (Samples.PEM + "#".repeat(8 * 1024));
        ClusterState before;
        Path group;
        try (RaftConfigStore store = RaftConfigStore.open(settings)) {
            commit(store, Transaction.of(new Change.CreateCluster(Samples.settings("purge"))));
            List<CompletableFuture<Commit>> pending = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Database db = Database.withDefaults("db" + i, 13000 + i, 1L << 20);
                db = new Database(0, db.name(), db.port(), db.memorySize(), 1, db.evictionPolicy(), db.dataPersistence(),
                        db.aofPolicy(), List.of(), db.tlsMode(), false, List.of(bigPem), true, List.of(), List.of());
                pending.add(store.propose(Transaction.of(new Change.PutDatabase(db))));
            }
            for (CompletableFuture<Commit> f : pending) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isInstanceOf(Commit.Applied.class);
            }
            for (int i = 0; i < 60; i += 2) { // deletes too, so the snapshot is not just the log's sum
                commit(store, Transaction.of(new Change.DeleteDatabase(i + 1)));
            }
            before = store.current();
            assertThat(before.databases()).hasSize(30);
            group = groupDirectory(settings.directory());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (segmentStartingAt(group, 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(segmentStartingAt(group, 0)).as("the log before the snapshot was purged").isFalse();
        }
        assertThat(snapshotFiles(group)).as("old snapshots are cleaned up").hasSizeBetween(1, 2);
        try (RaftConfigStore store = RaftConfigStore.open(settings)) {
            assertThat(store.current()).isEqualTo(before);
        }
    }

    static Path groupDirectory(Path raft) throws IOException {
        try (Stream<Path> s = Files.list(raft)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static boolean segmentStartingAt(Path group, long index) throws IOException {
        try (Stream<Path> s = Files.list(group.resolve("current"))) {
            return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.startsWith("log_" + index + "-"));
        }
    }

    static List<Path> snapshotFiles(Path group) throws IOException {
        try (Stream<Path> s = Files.list(group.resolve("sm"))) {
            return s.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
        }
    }
}
