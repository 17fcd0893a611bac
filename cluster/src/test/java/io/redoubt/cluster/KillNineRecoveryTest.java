package io.redoubt.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.cluster.api.ClusterState;
import io.redoubt.cluster.api.RedisAcl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kill -9} of a JVM running the store, in the middle of a stream of proposals, loses no
 * acknowledged change: the store opened again on its directory (snapshot, then the log after it) holds
 * every change the dead process reported as committed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillNineRecoveryTest {
    private static final String EOF = "\u0000EOF";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedChangeSurvivesAKill() throws Exception {
        Path raft = dir.resolve("raft");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, StoreChildProcess.class.getName(),
                raft.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the pipe breaks when the child dies: the lines read so far are what it acknowledged
            }
            lines.add(EOF);
        });
        List<String> acked = new ArrayList<>();
        try {
            assertThat(lines.poll(60, TimeUnit.SECONDS)).as("the child's store started").isEqualTo("READY");
            while (acked.size() < 40) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertThat(line).as("an acknowledgement from the child").isNotNull().startsWith("ACK ");
                acked.add(line.substring(4));
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        for (String line; !EOF.equals(line = lines.poll(10, TimeUnit.SECONDS)); ) {
            assertThat(line).isNotNull();
            if (line.startsWith("ACK ")) {
                acked.add(line.substring(4));
            }
        }

        try (RaftConfigStore store = RaftConfigStore.open(StoreSettings.singleNode(raft).withSnapshotEveryEntries(7))) {
            ClusterState s = store.current();
            assertThat(s.settings().orElseThrow().name()).isEqualTo("kill9");
            assertThat(s.redisAcls().values().stream().map(RedisAcl::name).toList()).containsAll(acked);
            // uids follow the order of commits: no gap and no acknowledged one missing
            for (int i = 0; i < acked.size(); i++) {
                assertThat(s.redisAcl(i + 1).orElseThrow().name()).isEqualTo("acl-" + i);
            }
            assertThat(RaftConfigStoreRecoveryTest.snapshotFiles(RaftConfigStoreRecoveryTest.groupDirectory(raft)))
                    .as("the dead store had taken snapshots; recovery replayed the log after them").isNotEmpty();
        }
    }
}
