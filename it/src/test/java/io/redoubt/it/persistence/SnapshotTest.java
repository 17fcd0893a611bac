package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.persistence.RdbService;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** BGSAVE's point-in-time snapshot, save failures (MISCONF) and recovery, SHUTDOWN's final save. */
class SnapshotTest {
    private static final int KEYS = 100_000;

    @TempDir
    Path tmp;

    private static void awaitBgsaveDone(RespClient c) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> c.callText("INFO", "persistence").contains("rdb_bgsave_in_progress:0\r\n"));
    }

    @Test
    void bgsaveHoldsExactlyTheStateWhenItStartedWhileWritesGoOn() throws Exception {
        Path dir = tmp.resolve("snap");
        long copyMillis;
        long latencyWorstMicros;
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString());
             RespClient c = RespClient.connect(server.port())) {
            for (int i = 0; i < KEYS; i += 1000) {
                List<String> mset = new ArrayList<>(List.of("MSET"));
                for (int j = i; j < i + 1000; j++) {
                    mset.add("k" + j);
                    mset.add("before");
                }
                c.call(mset.toArray(new String[0]));
            }
            c.call("RPUSH", "list", "a", "b", "c");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong worst = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (RespClient w = RespClient.connect(server.port())) {
                    int n = 0;
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        w.call("SET", "k" + (n++ % KEYS), "after");
                        worst.accumulateAndGet((System.nanoTime() - t0) / 1000, Math::max);
                    }
                }
            });
            // the same connection sends BGSAVE then the changes: they run after the copy
            c.send("BGSAVE");
            c.send("SET", "k0", "after");
            c.send("DEL", "k1");
            c.send("RPUSH", "list", "d");
            c.send("SET", "new", "after");
            assertThat(c.readReplyText()).isEqualTo("+Background saving started\r\n");
            for (int i = 0; i < 4; i++) {
                c.readReply();
            }
            writer.start();
            awaitBgsaveDone(c);
            stop.set(true);
            writer.join();
            assertThat(c.callText("INFO", "persistence")).contains("rdb_last_bgsave_status:ok").contains("rdb_saves:1");
            RdbService rdb = server.context().rdb();
            copyMillis = rdb.lastCopyMillis();
            latencyWorstMicros = worst.get();
        }
        System.out.printf("BGSAVE of %d keys: shard-thread copy %d ms; worst SET latency during the save %d us%n",
                KEYS, copyMillis, latencyWorstMicros);
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString());
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("DBSIZE")).isEqualTo(":" + (KEYS + 1) + "\r\n");
            assertThat(c.callText("GET", "k0")).isEqualTo("$6\r\nbefore\r\n");
            assertThat(c.callText("EXISTS", "k1")).isEqualTo(":1\r\n");
            assertThat(c.callText("EXISTS", "new")).isEqualTo(":0\r\n");
            assertThat(c.callText("LLEN", "list")).isEqualTo(":3\r\n");
            for (int i = 0; i < KEYS; i += 997) {
                assertThat(c.callText("GET", "k" + i)).as("k%d", i).isEqualTo("$6\r\nbefore\r\n");
            }
        }
    }

    @Test
    void aFailedSaveRefusesWritesWithMisconfUntilASaveWorksAgain() throws Exception {
        Path dir = tmp.resolve("misconf");
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "save", "3600 1000000",
                "event-log-file", tmp.resolve("misconf-events.jsonl").toString());
             RespClient c = RespClient.connect(server.port())) {
            c.call("SET", "a", "1");
            // a non-empty folder where the dump must go: the rename fails, as a full or broken disk would
            Path blocker = dir.resolve("dump.rdb");
            Files.createDirectories(blocker.resolve("x"));
            assertThat(c.callText("BGSAVE")).isEqualTo("+Background saving started\r\n");
            awaitBgsaveDone(c);
            assertThat(c.callText("INFO", "persistence")).contains("rdb_last_bgsave_status:err");
            assertThat(c.callText("SET", "b", "2")).isEqualTo("-" + RdbService.MISCONF + "\r\n");
            assertThat(c.callText("PING")).isEqualTo("-" + RdbService.MISCONF + "\r\n");
            assertThat(c.callText("GET", "a")).isEqualTo("$1\r\n1\r\n");
            var events = server.eventLog();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !events.query(
                    java.time.Instant.EPOCH, java.time.Instant.MAX,
                    java.util.Set.of(io.redoubt.audit.EventType.PERSISTENCE_ERROR), 10).isEmpty());
            assertThat(events.query(java.time.Instant.EPOCH, java.time.Instant.MAX,
                    java.util.Set.of(io.redoubt.audit.EventType.PERSISTENCE_ERROR), 10).get(0).detail())
                    .as("the security-event log names the failed save").startsWith("save failed");
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                    .as("no temporary file is left").containsExactly("dump.rdb");
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
            assertThat(c.callText("BGSAVE")).isEqualTo("+Background saving started\r\n");
            awaitBgsaveDone(c);
            assertThat(c.callText("SET", "b", "2")).isEqualTo("+OK\r\n");
            assertThat(Files.isRegularFile(blocker)).isTrue();
        }
    }

    @Test
    void shutdownSavesWhenSavePointsAreSetAndNosaveSkipsIt() throws Exception {
        Path dir = tmp.resolve("shutdown");
        RedoubtServer server = TestDatabases.start("dir", dir.toString(), "save", "3600 1");
        int firstPort = server.port();
        try (RespClient c = RespClient.connect(firstPort)) {
            c.call("SET", "kept", "yes");
            long before = Long.parseLong(c.callText("LASTSAVE").trim().substring(1));
            assertThat(before).isPositive();
            c.send("SHUTDOWN");
            await().atMost(Duration.ofSeconds(15)).until(c::isClosedByServer);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> refused(firstPort));
        assertThat(Files.isRegularFile(dir.resolve("dump.rdb"))).isTrue();
        server = TestDatabases.start("dir", dir.toString(), "save", "3600 1");
        int port = server.port();
        try (RespClient c = RespClient.connect(port)) {
            assertThat(c.callText("GET", "kept")).isEqualTo("$3\r\nyes\r\n");
            c.call("SET", "lost", "yes");
            c.send("SHUTDOWN", "NOSAVE");
            await().atMost(Duration.ofSeconds(15)).until(c::isClosedByServer);
        }
        int closedPort = port;
        await().atMost(Duration.ofSeconds(15)).until(() -> refused(closedPort));
        try (RedoubtServer again = TestDatabases.start("dir", dir.toString());
             RespClient c = RespClient.connect(again.port())) {
            assertThat(c.callText("GET", "kept")).isEqualTo("$3\r\nyes\r\n");
            assertThat(c.callText("EXISTS", "lost")).isEqualTo(":0\r\n");
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
