package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.redoubt.testkit.RealRedis;
import io.redoubt.testkit.RespClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Redoubt process with appendonly yes and appendfsync always is killed with SIGKILL while
 * clients write; after a restart every acknowledged write must be there. Ten rounds on the same
 * data folder, so each round also replays what the earlier ones left. Under everysec only the last
 * seconds may be missing. A kill leaves the page cache, so whether the AOF is synced at all is
 * checked separately, by counting the sync system calls under strace.
 */
class CrashSafetyTest {
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 10;

    @TempDir
    Path tmp;

    private Process launch(int port, String policy) throws IOException {
        return launch(port, policy, List.of());
    }

    /** Starts a node in a process of its own; {@code wrapper} (strace, say) goes before the java command. */
    private Process launch(int port, String policy, List<String> wrapper) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.redoubt.node.Main", "--port", Integer.toString(port), "--dir", tmp.resolve("data").toString(),
                "--appendonly", "yes", "--appendfsync", policy, "--save", "",
                // explicit configuration in place of the secure first start's generated password
                "--user", "default", "on", "nopass", "~*", "&*", "+@all"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("server.log").toFile()).start();
    }

    private static boolean accepting(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void sigkillLosesNoAcknowledgedWriteUnderAppendfsyncAlways() throws Exception {
        assertThat(rounds("always", ROUNDS, 0)).as("writes acknowledged over all rounds").isGreaterThan(100);
    }

    /**
     * kill -9 leaves the page cache, so the rounds above pass even when nothing is ever synced. This
     * watches the system calls instead: with one client writing one command at a time, appendfsync
     * always must sync the AOF (fdatasync or fsync) at least once per acknowledged write, while
     * appendfsync no (the control, proving the count can tell) syncs far less.
     */
    @Test
    void appendfsyncAlwaysSyncsBeforeEachReply() throws Exception {
        assertThat(Path.of("/usr/bin/strace")).as("strace (Debian package strace) is needed").exists();
        int writes = 200;
        assertThat(syncsDuring("always", writes)).as("syncs for %d acknowledged writes", writes)
                .isGreaterThanOrEqualTo(writes);
        assertThat(syncsDuring("no", writes)).as("syncs under appendfsync no").isLessThan(writes / 4);
    }

    /** Runs {@code writes} sequential acknowledged INCRs under strace; returns the sync calls seen meanwhile. */
    private long syncsDuring(String policy, int writes) throws Exception {
        Path trace = tmp.resolve("syncs-" + policy + ".txt");
        int port = RealRedis.freePort();
        Process server = launch(port, policy, List.of("/usr/bin/strace", "-f", "--seccomp-bpf", "-qq",
                "-e", "trace=fdatasync,fsync", "-o", trace.toString()));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> accepting(port));
            try (RespClient c = RespClient.connect(port)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !c.callText("PING").startsWith("-LOADING"));
                c.call("DEL", "synced"); // opens the AOF: syncs before this are not counted
                long before = syncLines(trace);
                for (int i = 1; i <= writes; i++) {
                    assertThat(c.callText("INCR", "synced")).isEqualTo(":" + i + "\r\n");
                }
                return syncLines(trace) - before;
            }
        } finally {
            // the node is strace's child: killing strace alone would detach it and leave it running
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static long syncLines(Path trace) throws IOException {
        if (!java.nio.file.Files.exists(trace)) {
            return 0;
        }
        try (var lines = java.nio.file.Files.lines(trace)) {
            return lines.filter(l -> l.contains("fdatasync(") || l.contains("fsync(")).count();
        }
    }

    @Test
    void sigkillUnderEverysecLosesAtMostTheLastSeconds() throws Exception {
        // "about a second": the fsync thread runs each second; allow two on a busy shared machine
        assertThat(rounds("everysec", 3, 2000)).as("writes acknowledged over all rounds").isGreaterThan(100);
    }

    /**
     * Runs kill -9 rounds; after each restart every counter must be at least what was acknowledged
     * {@code lossMillis} before the kill. Returns the number of acknowledged writes.
     */
    private long rounds(String policy, int rounds, long lossMillis) throws Exception {
        AtomicLongArray acked = new AtomicLongArray(CLIENTS);
        long[] ackedBeforeKill = new long[CLIENTS];
        for (int round = 0; round < rounds; round++) {
            int port = RealRedis.freePort();
            Process server = launch(port, policy);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> accepting(port));
                try (RespClient check = RespClient.connect(port)) {
                    // the port answers -LOADING while the AOF is replayed
                    await().atMost(Duration.ofSeconds(60)).until(() -> !check.callText("PING").startsWith("-LOADING"));
                    for (int c = 0; c < CLIENTS; c++) {
                        String reply = check.callText("GET", "counter:" + c);
                        long stored = reply.startsWith("$-1") ? 0 : Long.parseLong(reply.split("\r\n")[1]);
                        long floor = lossMillis == 0 ? acked.get(c) : ackedBeforeKill[c];
                        assertThat(stored).as("round %d client %d: counter after restart", round, c)
                                .isGreaterThanOrEqualTo(floor).isLessThanOrEqualTo(acked.get(c) + 1);
                        String len = check.callText("LLEN", "log:" + c);
                        assertThat(Long.parseLong(len.substring(1).trim())).as("round %d client %d: list", round, c)
                                .isEqualTo(stored);
                        acked.set(c, stored);
                    }
                }
                AtomicBoolean stop = new AtomicBoolean();
                AtomicBoolean killed = new AtomicBoolean();
                List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<Thread> writers = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    Thread t = new Thread(() -> {
                        try (RespClient w = RespClient.connect(port)) {
                            while (!stop.get()) {
                                long next = acked.get(id) + 1;
                                // one transaction per step, so counter and list move together
                                w.send("MULTI");
                                w.send("INCR", "counter:" + id);
                                w.send("RPUSH", "log:" + id, Long.toString(next));
                                w.send("EXEC");
                                w.readReply();
                                w.readReply();
                                w.readReply();
                                String exec = new String(w.readReply(), java.nio.charset.StandardCharsets.UTF_8);
                                if (!exec.startsWith("*2\r\n:" + next + "\r\n")) {
                                    throw new IllegalStateException("unexpected EXEC reply " + exec);
                                }
                                acked.set(id, next);
                            }
                        } catch (RuntimeException e) {
                            // once the server is killed under us the last unacknowledged step may or may
                            // not be there; before that, any failure is the test's to report
                            if (!killed.get()) {
                                failures.add(e);
                            }
                        }
                    });
                    t.start();
                    writers.add(t);
                }
                long runMillis = lossMillis == 0 ? 300 + 70L * round : lossMillis + 1500;
                await().pollDelay(Duration.ofMillis(runMillis - lossMillis)).atMost(Duration.ofSeconds(10))
                        .until(() -> true);
                for (int c = 0; c < CLIENTS; c++) {
                    ackedBeforeKill[c] = acked.get(c);
                }
                if (lossMillis > 0) {
                    await().pollDelay(Duration.ofMillis(lossMillis)).atMost(Duration.ofSeconds(10)).until(() -> true);
                }
                killed.set(true);
                server.destroyForcibly();   // SIGKILL on Linux
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                stop.set(true);
                for (Thread t : writers) {
                    t.join(10_000);
                    assertThat(t.isAlive()).as("writer thread ended").isFalse();
                }
                assertThat(failures).as("round %d: writer failures before the kill", round).isEmpty();
            } finally {
                server.destroyForcibly();
            }
        }
        long total = 0;
        for (int c = 0; c < CLIENTS; c++) {
            total += acked.get(c);
        }
        return total;
    }
}
