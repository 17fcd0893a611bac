package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.audit.EventLog;
import io.redoubt.audit.EventType;
import io.redoubt.audit.SecurityEvent;
import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/**
 * A fatal error in one database stops that database, never the process: two databases run in one
 * process, one with appendfsync always on a 2 MB tmpfs that fills up (mounting needs root, as CI
 * runs; elsewhere the test is skipped, saying why). The write that cannot reach the disk is never
 * acknowledged: its client is disconnected with no reply, the database stops with a
 * {@code database.stopped} event and stops listening, and a restart finds every acknowledged write.
 * The other database goes on serving throughout.
 */
class FatalErrorIsolationTest {
    @TempDir
    Path tmp;
    private SmallDisk disk;
    private Path mount;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = SmallDisk.mount(tmp.resolve("disk"));
        mount = disk.path();
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    private RedoubtServer startFailing() throws Exception {
        return TestDatabases.start("dir", mount.resolve("data").toString(), "appendonly", "yes",
                "appendfsync", "always", "save", "", "event-log-file", tmp.resolve("events.jsonl").toString());
    }

    @Test
    void aFailedWriteUnderAppendfsyncAlwaysStopsOnlyItsDatabase() throws Exception {
        Instant before = Instant.now();
        List<String> acknowledged = new ArrayList<>();
        String value = "v".repeat(8 * 1024);
        try (RedoubtServer healthy = TestDatabases.start("dir", tmp.resolve("healthy").toString(),
                "appendonly", "yes", "appendfsync", "always");
             RespClient other = RespClient.connect(healthy.port())) {
            RedoubtServer failing = startFailing();
            int failingPort = failing.port();
            EventLog events = failing.eventLog();
            try (RespClient c = RespClient.connect(failingPort)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> c.callText("INFO", "persistence")
                        .contains("aof_rewrite_in_progress:0"));
                Files.write(mount.resolve("filler"),
                        new byte[(int) (Files.getFileStore(mount).getUsableSpace() - 300 * 1024)]);
                boolean cutOff = false;
                for (int i = 0; i < 200 && !cutOff; i++) {
                    c.send("SET", "k" + i, value);
                    try {
                        String reply = c.readReplyText();
                        assertThat(reply).as("only acknowledgements, never an error that leaves the write unclear")
                                .isEqualTo("+OK\r\n");
                        acknowledged.add("k" + i);
                    } catch (UncheckedIOException closed) {
                        cutOff = true;
                    }
                }
                assertThat(cutOff).as("the write that could not reach the disk was never answered").isTrue();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !events.query(before, Instant.MAX,
                    Set.of(EventType.DATABASE_STOPPED), 10).isEmpty());
            assertThat(events.query(before, Instant.MAX, Set.of(EventType.DATABASE_STOPPED), 10))
                    .extracting(SecurityEvent::detail).allMatch(d -> d.contains("appendfsync always"));
            await().atMost(Duration.ofSeconds(20)).until(() -> refusesConnections(failingPort));

            assertThat(other.callText("SET", "still", "serving")).isEqualTo("+OK\r\n");
            assertThat(other.callText("GET", "still")).isEqualTo("$7\r\nserving\r\n");
            failing.close(); // a second close after the fatal stop saves nothing over the files
        }
        assertThat(acknowledged).as("some writes were acknowledged before the disk filled").isNotEmpty();
        Files.delete(mount.resolve("filler"));
        try (RedoubtServer restarted = startFailing(); RespClient c = RespClient.connect(restarted.port())) {
            for (String key : acknowledged) {
                assertThat(c.callText("EXISTS", key)).as("%s after the restart", key).isEqualTo(":1\r\n");
            }
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (Exception other) {
            return false;
        }
    }
}
