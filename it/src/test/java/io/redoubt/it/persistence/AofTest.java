package io.redoubt.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.redoubt.node.RedoubtServer;
import io.redoubt.testkit.RespClient;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.redoubt.testkit.TestDatabases;

/** The multi-part AOF: replay after restart, rewrite, redis-check-aof, torn tails. */
class AofTest {
    @TempDir
    Path tmp;

    private RedoubtServer start(Path dir, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("dir", dir.toString(), "appendonly", "yes",
                "appendfsync", "always"));
        args.addAll(List.of(more));
        return TestDatabases.start(args.toArray(new String[0]));
    }

    private static void writeNondeterministicCommands(RespClient c) {
        c.call("SET", "rel", "x", "EX", "1000");
        c.call("SET", "gone", "x", "PX", "1");
        c.call("SADD", "pool", "a", "b", "c", "d", "e");
        c.call("SPOP", "pool");
        c.call("SPOP", "pool", "2");
        c.call("XADD", "events", "*", "k", "v");
        c.call("XADD", "events", "MAXLEN", "~", "100", "*", "k", "w");
        c.call("RPUSH", "q", "1", "2", "3");
        c.call("BLPOP", "q", "0");
        c.call("INCRBYFLOAT", "f", "1.5");
        c.call("EXPIRE", "q", "5000");
        c.call("MULTI");
        c.call("INCR", "n");
        c.call("HSET", "h", "a", "1");
        c.call("EXEC");
        c.call("SELECT", "2");
        c.call("SET", "in2", "yes");
        c.call("SELECT", "0");
    }

    @Test
    void everyWriteIsReplayedAfterARestartAndARewrite() throws Exception {
        Path dir = tmp.resolve("aof");
        String before;
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            DataSet.write(c);
            writeNondeterministicCommands(c);
            before = DataSet.render(c);
        }
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(DataSet.render(c)).isEqualTo(before);
            assertThat(c.callText("INFO", "persistence")).contains("aof_enabled:1");
            assertThat(c.callText("BGREWRITEAOF")).isEqualTo("+Background append only file rewriting started\r\n");
            c.call("SET", "after-rewrite", "1");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> c.callText("INFO", "persistence").contains("aof_rewrite_in_progress:0\r\n"));
            c.call("SET", "after-rewrite-done", "2");
            before = DataSet.render(c);
        }
        Path aofDir = dir.resolve("appendonlydir");
        try (var files = Files.list(aofDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("appendonly.aof.2.base.rdb", "appendonly.aof.3.incr.aof", "appendonly.aof.manifest");
        }
        Process check = new ProcessBuilder("/usr/bin/redis-check-aof", aofDir.resolve("appendonly.aof.manifest").toString())
                .redirectErrorStream(true).start();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report).contains("is valid");
        assertThat(check.exitValue()).isZero();
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(DataSet.render(c)).isEqualTo(before);
        }
    }

    @Test
    void aTornTailIsCutWhenAllowedAndRefusedNamingFileAndOffsetOtherwise() throws Exception {
        Path dir = tmp.resolve("torn");
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            c.call("SET", "a", "1");
            c.call("SET", "b", "2");
        }
        Path incr;
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            incr = files.filter(p -> p.toString().endsWith(".incr.aof")).sorted().reduce((x, y) -> y).orElseThrow();
        }
        long size = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> start(dir, "aof-load-truncated", "no"))
                .hasMessageContaining(incr.toString()).hasMessageContaining("at offset " + size);
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("MGET", "a", "b", "c")).isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n");
        }
        assertThat(Files.size(incr)).isGreaterThanOrEqualTo(size);
        try (FileChannel ch = FileChannel.open(incr, StandardOpenOption.READ)) {
            assertThat(ch.size()).isGreaterThanOrEqualTo(size);
        }
    }

    @Test
    void aTransactionIsLoggedInsideMultiExecAndATornOneIsDroppedWhole() throws Exception {
        Path dir = tmp.resolve("tx");
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            c.call("SET", "before", "1");
            c.call("MULTI");
            c.call("SET", "x", "1");
            c.call("INCR", "counter");
            c.call("GET", "x");
            assertThat(c.callText("EXEC")).isEqualTo("*3\r\n+OK\r\n:1\r\n$1\r\n1\r\n");
            c.call("MULTI");
            c.call("GET", "x");
            c.callText("EXEC"); // reads only: nothing logged, no empty MULTI ... EXEC
        }
        Path incr = lastIncrFile(dir);
        String text = Files.readString(incr, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$1\r\n1\r\n"
                + "*2\r\n$4\r\nINCR\r\n$7\r\ncounter\r\n*1\r\n$4\r\nEXEC\r\n");
        assertThat(text.split("MULTI", -1)).as("one MULTI only").hasSize(2);
        assertThat(new ProcessBuilder("redis-check-aof", dir.resolve("appendonlydir")
                .resolve("appendonly.aof.manifest").toString()).redirectErrorStream(true).start().waitFor())
                .as("redis-check-aof accepts the manifest with a transaction").isZero();

        // a crash after MULTI and one of its commands: complete commands, but no EXEC
        long size = Files.size(incr);
        Files.write(incr, ("*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$4\r\ntorn\r\n$1\r\n1\r\n")
                .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> start(dir, "aof-load-truncated", "no"))
                .hasMessageContaining(incr.toString()).hasMessageContaining("at offset " + size);
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("MGET", "before", "x", "counter", "torn"))
                    .isEqualTo("*4\r\n$1\r\n1\r\n$1\r\n1\r\n$1\r\n1\r\n$-1\r\n");
        }
    }

    /**
     * How far {@code ~} trims depends on the stream's node layout, which a replay (after a rewrite, on a
     * replica) need not share: XADD and XTRIM are logged with the trim made exact, as Redis logs them.
     */
    @Test
    void approximateStreamTrimsAreLoggedExact() throws Exception {
        Path dir = tmp.resolve("trim");
        String before;
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            for (int i = 1; i <= 300; i++) {
                c.call("XADD", "s", i + "-1", "f", "v");
            }
            c.call("XTRIM", "s", "MAXLEN", "~", "10");
            c.call("XADD", "s", "MAXLEN", "~", "5", "LIMIT", "1000", "*", "f", "w");
            c.call("XTRIM", "s", "MINID", "~", "290-0");
            before = c.callText("XRANGE", "s", "-", "+") + c.callText("XLEN", "s");
        }
        String text = Files.readString(lastIncrFile(dir), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("$1\r\n~\r\n").doesNotContain("LIMIT");
        assertThat(text).contains("$5\r\nXTRIM\r\n$1\r\ns\r\n$6\r\nMAXLEN\r\n$1\r\n=\r\n");
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("XRANGE", "s", "-", "+") + c.callText("XLEN", "s")).isEqualTo(before);
        }
    }

    @Test
    void configSetAppendonlySwitchesTheAofOnWithARewriteAndOffKeepingItsFiles() throws Exception {
        Path dir = tmp.resolve("switch");
        // a stale AOF from an earlier life of this folder: switching on must replace it, not replay it
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            c.call("SET", "stale", "old");
        }
        try (RedoubtServer server = TestDatabases.start("dir", dir.toString(), "appendonly", "no");
             RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("EXISTS", "stale")).as("appendonly no reads no AOF").isEqualTo(":0\r\n");
            c.call("SET", "before", "1");
            assertThat(c.callText("CONFIG", "SET", "appendonly", "yes")).isEqualTo("+OK\r\n");
            c.call("SET", "during", "2");
            await().atMost(Duration.ofSeconds(30)).until(() -> c.callText("INFO", "persistence")
                    .contains("aof_rewrite_in_progress:0") && c.callText("INFO", "persistence").contains("aof_enabled:1"));
            c.call("SET", "after", "3");
            assertThat(c.callText("INFO", "persistence")).as("the fields Redis adds while the AOF is on")
                    .contains("aof_current_size:", "aof_base_size:", "aof_pending_rewrite:0", "aof_buffer_length:0",
                            "aof_pending_bio_fsync:0", "aof_delayed_fsync:0");
            assertThat(c.callText("CONFIG", "SET", "appendonly", "no")).isEqualTo("+OK\r\n");
            assertThat(c.callText("INFO", "persistence")).contains("aof_enabled:0").doesNotContain("aof_current_size");
            c.call("SET", "off", "4");
        }
        try (RedoubtServer server = start(dir); RespClient c = RespClient.connect(server.port())) {
            assertThat(c.callText("MGET", "before", "during", "after", "off", "stale")).as("what the AOF held when "
                    + "switched off").isEqualTo("*5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$-1\r\n$-1\r\n");
        }
        assertThat(new ProcessBuilder("redis-check-aof", dir.resolve("appendonlydir")
                .resolve("appendonly.aof.manifest").toString()).redirectErrorStream(true).start().waitFor()).isZero();
    }

    private static Path lastIncrFile(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            return files.filter(p -> p.toString().endsWith(".incr.aof")).sorted().reduce((x, y) -> y).orElseThrow();
        }
    }
}
