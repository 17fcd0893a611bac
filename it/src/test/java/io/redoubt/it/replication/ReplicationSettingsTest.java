package io.redoubt.it.replication;

import static io.redoubt.it.replication.ReplicationWithRedisTest.assertSameData;
import static io.redoubt.it.replication.ReplicationWithRedisTest.awaitInSync;
import static io.redoubt.it.replication.ReplicationWithRedisTest.field;
import static io.redoubt.it.replication.ReplicationWithRedisTest.killReplicaLinks;
import static io.redoubt.it.replication.ReplicationWithRedisTest.stat;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.it.persistence.DataSet;
import io.redoubt.node.RedoubtServer;
import io.redoubt.node.ServerConfig;
import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * The replication settings and counters beyond the protocol's core, each checked against Debian's
 * redis-server 7.0.15 doing the same: a master restarted from its RDB keeps its history for a partial
 * resync; diskless sync ($EOF: framing) waits repl-diskless-sync-delay for more replicas unless
 * repl-diskless-sync-max-replicas arrive first; min-replicas-to-write refuses writes; replicas
 * announce another address; INFO stats count full and partial synchronisations.
 */
@Timeout(120)
class ReplicationSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** A master that the scenario can shut down and start again on the same port and files. */
    @FunctionalInterface
    private interface MasterStarter {
        AutoCloseable start(int port) throws Exception;
    }

    /** What a replica of a restarted master saw, and what the master says about its history. */
    private record RestartOutcome(long syncFull, long syncPartialOk, boolean oldIdIsSecondId,
            boolean secondOffsetFollowsSavedOffset, boolean replicaContinued) {
    }

    @Test
    void aMasterRestartedFromItsRdbLetsItsReplicaContinueAsRedisDoes() throws Exception {
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        RestartOutcome redis = restart(port -> RealRedis.startAt(redisDir, port, "--save", "3600 1",
                "--repl-diskless-sync-delay", "0"));
        RestartOutcome redoubt = restart(port -> RedoubtServer.start(ServerConfig.fromPairs("dir",
                dir.resolve("redoubt").toString(), "save", "3600 1", "repl-diskless-sync-delay", "0"), port));
        assertThat(redis).isEqualTo(new RestartOutcome(0, 1, true, true, true));
        assertThat(redoubt).isEqualTo(redis);
    }

    /**
     * A Redis replica follows the master; the master is shut down (SHUTDOWN saves the RDB) and started
     * again on the same port; the replica reconnects by itself.
     */
    private RestartOutcome restart(MasterStarter starter) throws Exception {
        int port = RealRedis.freePort();
        try (RealRedis replica = RealRedis.start();
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            String oldId;
            long oldOffset;
            AutoCloseable first = starter.start(port);
            try (RespClient m = new RespClient("127.0.0.1", port, 5000)) {
                r.call("REPLICAOF", "127.0.0.1", Integer.toString(port));
                m.call("SET", "before", "1");
                m.call("RPUSH", "list", "a", "b");
                awaitInSync(m, r);
                oldId = field(m, "master_replid");
                oldOffset = Long.parseLong(field(m, "master_repl_offset"));
                m.send("SHUTDOWN");
            }
            Awaitility.await().atMost(WAIT).until(() -> !accepts(port));
            first.close();
            try (AutoCloseable second = starter.start(port);
                 RespClient m = new RespClient("127.0.0.1", port, 5000)) {
                awaitInSync(m, r);
                // the history goes on from the saved offset (SHUTDOWN may have added a GETACK to it)
                long restored = Long.parseLong(field(m, "master_repl_offset"));
                boolean secondOffset = restored >= oldOffset
                        && field(m, "second_repl_offset").equals(Long.toString(restored + 1));
                m.call("SET", "after", "2");
                awaitInSync(m, r);
                assertSameData(m, r);
                return new RestartOutcome(stat(m, "sync_full"), stat(m, "sync_partial_ok"),
                        field(m, "master_replid2").equals(oldId), secondOffset,
                        Files.readString(replica.dir().resolve("redis.log"))
                                .contains("Successful partial resynchronization with master"));
            }
        }
    }

    @Test
    void aReplicaRestartedFromItsRdbContinuesWithItsMasterAsRedisDoes() throws Exception {
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000)) {
            String replicaof = "127.0.0.1 " + master.port();
            Path redisDir = Files.createDirectories(dir.resolve("redis-replica"));
            List<Long> redis = replicaRestart(m, port -> RealRedis.startAt(redisDir, port, "--save", "3600 1",
                    "--replicaof", "127.0.0.1", Integer.toString(master.port())));
            List<Long> redoubt = replicaRestart(m, port -> RedoubtServer.start(ServerConfig.fromPairs("dir",
                    dir.resolve("redoubt-replica").toString(), "save", "3600 1", "replicaof", replicaof), port));
            assertThat(redis).containsExactly(1L, 1L);
            assertThat(redoubt).isEqualTo(redis);
        }
    }

    /**
     * A replica with replicaof in its configuration syncs, is shut down (saving its RDB) while the master
     * writes on in another database, and starts again: the master's full and partial sync counts that
     * the restart added.
     */
    private List<Long> replicaRestart(RespClient m, MasterStarter starter) throws Exception {
        int port = RealRedis.freePort();
        long fullBefore = stat(m, "sync_full");
        long partialBefore = stat(m, "sync_partial_ok");
        AutoCloseable first = starter.start(port);
        try (RespClient r = new RespClient("127.0.0.1", port, 5000)) {
            m.call("SELECT", "2");
            m.call("SET", "before-restart-" + port, "1");
            awaitInSync(m, r);
            r.send("SHUTDOWN");
        }
        Awaitility.await().atMost(WAIT).until(() -> !accepts(port));
        first.close();
        m.call("SET", "while-down-" + port, "2"); // no SELECT: the replica must remember database 2
        m.call("SELECT", "0");
        try (AutoCloseable second = starter.start(port);
             RespClient r = new RespClient("127.0.0.1", port, 5000)) {
            awaitInSync(m, r);
            assertSameData(m, r);
            return List.of(stat(m, "sync_full") - fullBefore, stat(m, "sync_partial_ok") - partialBefore);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void disklessSyncWaitsForMoreReplicasAndStreamsTheRdbWithAnEofMark() throws Exception {
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("m").toString(),
                "repl-diskless-sync-delay", "60", "repl-diskless-sync-max-replicas", "2");
             RealRedis redisReplica = RealRedis.start();
             RedoubtServer redoubtReplica = TestDatabases.start("dir", dir.resolve("r").toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient rr = new RespClient("127.0.0.1", redisReplica.port(), 5000);
             RespClient xr = new RespClient("127.0.0.1", redoubtReplica.port(), 5000)) {
            DataSet.write(m);
            rr.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            Awaitility.await().atMost(WAIT).until(() -> m.callText("INFO", "replication").contains("state=wait_bgsave"));
            // alone, the first replica waits (60 s here) for a second one
            Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> field(rr, "master_link_status").equals("down"));
            // the second one makes repl-diskless-sync-max-replicas: one snapshot for both, at once
            xr.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            awaitInSync(m, rr);
            awaitInSync(m, xr);
            assertSameData(m, rr);
            assertSameData(m, xr);
            assertThat(Files.readString(redisReplica.dir().resolve("redis.log")))
                    .contains("receiving streamed RDB from master with EOF to disk");
            assertThat(stat(m, "sync_full")).isEqualTo(2);

            // repl-diskless-sync no: the RDB goes with its length first, at once
            m.call("CONFIG", "SET", "repl-diskless-sync", "no");
            try (RealRedis another = RealRedis.start();
                 RespClient ar = new RespClient("127.0.0.1", another.port(), 5000)) {
                ar.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
                awaitInSync(m, ar);
                assertSameData(m, ar);
                String log = Files.readString(another.dir().resolve("redis.log"));
                assertThat(log).containsPattern("receiving \\d+ bytes from master to disk");
            }
        }
    }

    @Test
    void minReplicasToWriteRefusesWritesAsRedisDoes() throws Exception {
        String[] settings = {"min-replicas-to-write", "1", "min-replicas-max-lag", "2", "repl-diskless-sync-delay", "0"};
        List<String> redis;
        try (RealRedis master = RealRedis.start(dashed(settings))) {
            redis = minReplicasScenario(master.port());
        }
        List<String> redoubt;
        try (RedoubtServer master = TestDatabases.start(with(settings, "dir", dir.toString()))) {
            redoubt = minReplicasScenario(master.port());
        }
        assertThat(redis).contains("-NOREPLICAS Not enough good replicas to write.\r\n");
        assertThat(redoubt).isEqualTo(redis);
    }

    /** Writes with no replica, with one, and with one that stopped acknowledging (DEBUG SLEEP). */
    private static List<String> minReplicasScenario(int masterPort) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RealRedis replica = RealRedis.start();
             RespClient m = new RespClient("127.0.0.1", masterPort, 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            replies.add(m.callText("SET", "k", "v"));
            replies.add(m.callText("GET", "k"));
            replies.add(m.callText("MULTI"));
            replies.add(m.callText("SET", "k", "v"));
            replies.add(m.callText("EXEC"));
            replies.add("good=" + field(m, "min_slaves_good_slaves"));
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(masterPort));
            awaitInSync(m, r);
            Awaitility.await().atMost(WAIT).until(() -> field(m, "min_slaves_good_slaves").equals("1"));
            replies.add(m.callText("SET", "k", "v"));
            // the replica stops acknowledging: past min-replicas-max-lag it is no longer a good one
            try (RespClient sleeper = new RespClient("127.0.0.1", replica.port(), 10_000)) {
                sleeper.send("DEBUG", "SLEEP", "5");
                Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                        .until(() -> m.callText("SET", "k2", "v").startsWith("-"));
                replies.add(m.callText("SET", "k2", "v"));
                replies.add("good=" + field(m, "min_slaves_good_slaves"));
                assertThat(sleeper.readReplyText()).isEqualTo("+OK\r\n");
            }
            Awaitility.await().atMost(WAIT).until(() -> m.callText("SET", "k2", "v").equals("+OK\r\n"));
        }
        return replies;
    }

    private static String[] dashed(String[] pairs) {
        String[] out = pairs.clone();
        for (int i = 0; i < out.length; i += 2) {
            out[i] = "--" + out[i];
        }
        return out;
    }

    private static String[] with(String[] pairs, String... more) {
        List<String> out = new ArrayList<>(List.of(pairs));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }

    @Test
    void replicasAnnounceAnotherAddressAndPriorityInBothDirections() throws Exception {
        // a Redoubt replica announces itself to a Redis master
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0");
             RedoubtServer replica = TestDatabases.start("dir", dir.resolve("r").toString(),
                     "replica-announce-ip", "10.9.8.7", "replica-announce-port", "7777", "replica-priority", "42");
             RealRedis redisReplica = RealRedis.start("--replica-priority", "42");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000);
             RespClient rr = new RespClient("127.0.0.1", redisReplica.port(), 5000)) {
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            rr.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            awaitInSync(m, r);
            awaitInSync(m, rr);
            // the master marks a replica online at its first ACK after loading, a moment after the replica's link is up
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(m.callText("INFO", "replication")).contains("ip=10.9.8.7,port=7777,state=online"));
            assertThat(m.callText("ROLE")).contains("$8\r\n10.9.8.7\r\n$4\r\n7777\r\n");
            assertThat(field(r, "slave_priority")).isEqualTo(field(rr, "slave_priority")).isEqualTo("42");
            assertThat(field(r, "replica_announced")).isEqualTo(field(rr, "replica_announced"));
            assertThat(r.callText("CONFIG", "SET", "replica-lazy-flush", "yes"))
                    .isEqualTo(rr.callText("CONFIG", "SET", "replica-lazy-flush", "yes"));
        }
        // a Redis replica announces itself to a Redoubt master
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("m").toString(),
                "repl-diskless-sync-delay", "0");
             RealRedis replica = RealRedis.start("--replica-announce-ip", "10.9.8.6", "--replica-announce-port", "7776");
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            awaitInSync(m, r);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(m.callText("INFO", "replication")).contains("slave0:ip=10.9.8.6,port=7776,state=online"));
            assertThat(m.callText("ROLE")).contains("$8\r\n10.9.8.6\r\n$4\r\n7776\r\n");
        }
    }

    @Test
    void syncCountersCountFullAndRefusedPartialSynchronisationsAsRedisDoes() throws Exception {
        List<Long> redis;
        try (RealRedis master = RealRedis.start("--repl-diskless-sync-delay", "0")) {
            redis = countersAfterRawPsyncs(master.port());
        }
        List<Long> redoubt;
        try (RedoubtServer master = TestDatabases.start("dir", dir.toString(), "repl-diskless-sync-delay", "0")) {
            redoubt = countersAfterRawPsyncs(master.port());
        }
        assertThat(redis).containsExactly(1L, 0L, 1L, 2L, 0L, 1L);
        assertThat(redoubt).isEqualTo(redis);
    }

    /** sync_full, sync_partial_ok, sync_partial_err after a PSYNC of an unknown history, then after PSYNC ? -1. */
    private static List<Long> countersAfterRawPsyncs(int port) throws Exception {
        List<Long> out = new ArrayList<>();
        try (RespClient m = new RespClient("127.0.0.1", port, 5000);
             RespClient unknown = new RespClient("127.0.0.1", port, 5000);
             RespClient fresh = new RespClient("127.0.0.1", port, 5000)) {
            m.call("SET", "k", "v");
            unknown.send("PSYNC", "0123456789012345678901234567890123456789", "100");
            assertThat(unknown.readReplyText()).startsWith("+FULLRESYNC ");
            out.addAll(List.of(stat(m, "sync_full"), stat(m, "sync_partial_ok"), stat(m, "sync_partial_err")));
            fresh.send("PSYNC", "?", "-1");
            assertThat(fresh.readReplyText()).startsWith("+FULLRESYNC ");
            out.addAll(List.of(stat(m, "sync_full"), stat(m, "sync_partial_ok"), stat(m, "sync_partial_err")));
        }
        return out;
    }

    @Test
    void bothSidesRecordLinksAndFullSynchronisationsInTheEventLog() throws Exception {
        Instant before = Instant.now();
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("m").toString(),
                "repl-diskless-sync-delay", "0", "event-log-file", dir.resolve("m-events.jsonl").toString());
             RedoubtServer replica = TestDatabases.start("dir", dir.resolve("r").toString(),
                     "event-log-file", dir.resolve("r-events.jsonl").toString());
             RespClient m = new RespClient("127.0.0.1", master.port(), 5000);
             RespClient r = new RespClient("127.0.0.1", replica.port(), 5000)) {
            m.call("SET", "k", "v");
            r.call("REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            awaitInSync(m, r);
            killReplicaLinks(m);
            m.call("SET", "k2", "v");
            awaitInSync(m, r);
            String masterAddress = "127.0.0.1:" + master.port();
            Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                assertThat(replication(master.eventLog(), before)).containsSubsequence(
                        "replication.full-sync-started master: full resynchronization of a replica",
                        "replication.full-sync-done master: RDB of",
                        "replication.link-up master: replica online",
                        "replication.link-down master: connection with the replica lost",
                        "replication.link-up master: replica continued from offset");
                assertThat(replication(replica.eventLog(), before)).containsSubsequence(
                        "replication.full-sync-started replica: FULLRESYNC",
                        "replication.full-sync-done replica: RDB of",
                        "replication.link-up replica: streaming from the master",
                        "replication.link-down replica: link to the master lost",
                        "replication.link-up replica: partial resynchronization with the master");
                assertThat(replica.eventLog().query(before, Instant.MAX, EnumSet.of(EventType.REPLICATION_LINK_UP), 10))
                        .extracting(SecurityEvent::object).containsOnly(masterAddress);
            });
        }
    }

    /** The replication events since {@code from}, each as "type detail" cut to the detail's stable start. */
    private static List<String> replication(EventLog log, Instant from) throws IOException {
        List<String> out = new ArrayList<>();
        for (SecurityEvent e : log.query(from, Instant.MAX, EnumSet.of(EventType.REPLICATION_LINK_UP,
                EventType.REPLICATION_LINK_DOWN, EventType.REPLICATION_FULL_SYNC_STARTED,
                EventType.REPLICATION_FULL_SYNC_DONE), 100)) {
            String text = e.type().wireName() + " " + e.detail();
            out.add(text.replaceAll("(RDB of|from offset|FULLRESYNC) .*", "$1"));
        }
        return out;
    }

    @Test
    void aReplicaThatDoesNotReadIsDisconnectedAtTheReplicaOutputLimitAsByRedis() throws Exception {
        try (RealRedis master = RealRedis.start("--client-output-buffer-limit", "replica 1mb 0 0")) {
            assertThat(replicaDisconnectedAfterWrites(master.port())).as("Redis disconnects it").isTrue();
        }
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("limited").toString(),
                "client-output-buffer-limit", "replica 1mb 0 0")) {
            assertThat(replicaDisconnectedAfterWrites(master.port())).as("Redoubt disconnects it").isTrue();
        }
        try (RedoubtServer master = TestDatabases.start("dir", dir.resolve("unlimited").toString(),
                "client-output-buffer-limit", "replica 0 0 0")) {
            assertThat(replicaDisconnectedAfterWrites(master.port())).as("without a limit it stays").isFalse();
        }
    }

    /** A raw SYNC client that never reads while the master writes 30 MB: whether the master dropped it. */
    private static boolean replicaDisconnectedAfterWrites(int port) throws Exception {
        try (RespClient m = new RespClient("127.0.0.1", port, 5000);
             RespClient replica = new RespClient("127.0.0.1", port, 5000)) {
            replica.send("SYNC");
            Awaitility.await().atMost(WAIT).until(() -> field(m, "connected_slaves").equals("1"));
            String value = "x".repeat(100_000);
            for (int i = 0; i < 300 && field(m, "connected_slaves").equals("1"); i++) {
                m.call("SET", "k" + i, value);
            }
            try {
                Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> field(m, "connected_slaves").equals("0"));
                return !m.callText("CLIENT", "LIST").contains("flags=S");
            } catch (org.awaitility.core.ConditionTimeoutException stillThere) {
                return false;
            }
        }
    }
}
